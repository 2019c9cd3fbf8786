//! PDF (stub).
use super::{Emitter, Status};
pub(crate) fn extract(_b: &[u8], _em: &mut Emitter) -> Status {
    Status::NotInspected("not yet".into())
}

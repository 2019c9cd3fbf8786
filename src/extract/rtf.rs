//! RTF (stub).
use super::{Ctx, Emitter, Status};
use std::io::Read;
pub(crate) fn extract(_r: &mut dyn Read, _em: &mut Emitter, _ctx: &Ctx) -> Status {
    Status::NotInspected("not yet".into())
}

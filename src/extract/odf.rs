//! ODF (stub).
use super::{Ctx, Emitter, Status};
use std::io::{Read, Seek};
pub(crate) fn extract<R: Read + Seek>(
    _z: &mut zip::ZipArchive<R>,
    _odp: bool,
    _em: &mut Emitter,
    _ctx: &Ctx,
) -> Status {
    Status::NotInspected("not yet".into())
}

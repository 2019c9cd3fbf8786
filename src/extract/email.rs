//! Email (stub).
use super::{Ctx, Visitor};
use std::io::{Read, Seek};
pub(crate) fn extract_eml(_r: &mut dyn Read, display: &str, _ctx: &Ctx, visitor: &mut dyn Visitor) {
    super::dispatch::refuse(visitor, display, "eml", "not yet");
}
pub(crate) fn extract_msg<F: Read + Seek>(
    _c: cfb::CompoundFile<F>,
    display: &str,
    _ctx: &Ctx,
    visitor: &mut dyn Visitor,
) {
    super::dispatch::refuse(visitor, display, "msg", "not yet");
}

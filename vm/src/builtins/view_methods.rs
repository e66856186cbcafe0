//! Methods of the set-like dict views (`dict_keys`, `dict_items`).

use super::*;
use crate::obj::kind::Kind;

/// `view.isdisjoint(iterable)`: the view's items as a set, then `set.isdisjoint`.
pub(super) fn view_isdisjoint(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    let (Some(&view), Some(&other)) = (args.first(), args.get(1)) else {
        return Err(rt.type_error(crate::packed!("isdisjoint() takes exactly one argument")));
    };
    if rt.kind(view) != Some(Kind::DictView) {
        return Err(rt.type_error(crate::packed!(
            "descriptor 'isdisjoint' requires a dict view"
        )));
    }
    let s = rt.new_dict_kind(Kind::Set, 0)?;
    rt.pin(s);
    let r = rt
        .set_update(s, view)
        .and_then(|_| methods::set_isdisjoint(rt, &[s, other], kw));
    rt.unpin(1);
    r
}

//! Typed objects (`include/kalshi/obj.h`): the decoded form of REST responses and WebSocket
//! messages, read by field name as the spec spells it, with exact prices and counts.

use std::ffi::{c_char, CStr};
use std::fmt;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use kalshi_sys as sys;

use crate::error::c_arg;
use crate::{Count, Error, ErrorCode, Event, Level, Price, Result};

/// The kind of an object's field (`kalshi_field_kind_t`); an open set, as the C enum is
/// append-only.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct FieldKind(pub u32);

impl FieldKind {
    /// No such field.
    pub const NONE: FieldKind = FieldKind(sys::KALSHI_FIELD_NONE);
    /// Text: [`Obj::str`].
    pub const STR: FieldKind = FieldKind(sys::KALSHI_FIELD_STR);
    /// Integer: [`Obj::int`].
    pub const INT: FieldKind = FieldKind(sys::KALSHI_FIELD_INT);
    /// Boolean: [`Obj::bool`].
    pub const BOOL: FieldKind = FieldKind(sys::KALSHI_FIELD_BOOL);
    /// Dollars x 10^6 whatever the JSON carried: [`Obj::price`].
    pub const PRICE: FieldKind = FieldKind(sys::KALSHI_FIELD_PRICE);
    /// Contracts x 100: [`Obj::count`].
    pub const COUNT: FieldKind = FieldKind(sys::KALSHI_FIELD_COUNT);

    /// `"str"`, `"int"`, ...; `"none"` for NONE and `"unknown"` for kinds newer than the binding.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::NONE => "none",
            FieldKind::STR => "str",
            FieldKind::INT => "int",
            FieldKind::BOOL => "bool",
            FieldKind::PRICE => "price",
            FieldKind::COUNT => "count",
            _ => "unknown",
        }
    }
}

impl fmt::Debug for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl Event {
    /// How many typed objects the event carries (a list response: one per item; a WebSocket
    /// message: one).
    pub fn obj_count(&self) -> usize {
        unsafe { sys::kalshi_event_obj_count(self.as_ptr()) }
    }

    /// The `i`-th typed object, borrowed from the event; `None` past the end.
    pub fn obj(&self, i: usize) -> Option<Obj<'_>> {
        NonNull::new(unsafe { sys::kalshi_event_obj(self.as_ptr(), i) }.cast_mut())
            .map(|raw| Obj { raw, _event: PhantomData })
    }

    /// Every typed object of the event in order.
    pub fn objs(&self) -> impl Iterator<Item = Obj<'_>> + '_ {
        (0..self.obj_count()).filter_map(move |i| self.obj(i))
    }
}

/// One decoded core model (a market, an order, a balance, an order book, a WebSocket channel
/// message, ...) borrowed from its [`Event`]: it and every string it returns live as long as the
/// event. Copy out what must outlive it.
///
/// Getters return `NOT_FOUND` when the model has no such field or the message did not carry it,
/// and `INVALID_ARG` for a field of another kind ([`kind_of`](Self::kind_of) tells the kind).
#[derive(Copy, Clone)]
pub struct Obj<'a> {
    raw: NonNull<sys::kalshi_obj_t>,
    _event: PhantomData<&'a Event>,
}

fn field_result(field: &str, rc: sys::kalshi_err_t) -> Result<()> {
    if rc == sys::KALSHI_OK {
        Ok(())
    } else {
        let code = ErrorCode(rc);
        Err(Error::new(code, format!("field {field:?}: {}", code.description())))
    }
}

impl<'a> Obj<'a> {
    fn ptr(&self) -> *const sys::kalshi_obj_t {
        self.raw.as_ptr()
    }

    /// `"market"`, `"order"`, `"orderbook"`, `"balance"`, `"orderbook_delta"`, ...
    pub fn kind(&self) -> &'a str {
        // SAFETY: NUL-terminated, owned by the event.
        unsafe { borrowed(sys::kalshi_obj_kind(self.ptr())) }
    }

    /// Fields the object carries.
    pub fn field_count(&self) -> usize {
        unsafe { sys::kalshi_obj_field_count(self.ptr()) }
    }

    /// The name of the `i`-th field in the library's stable order; `None` past the end.
    pub fn field_name(&self, i: usize) -> Option<&'a str> {
        let p = unsafe { sys::kalshi_obj_field_name(self.ptr(), i) };
        // SAFETY: NUL-terminated, owned by the event.
        (!p.is_null()).then(|| unsafe { borrowed(p) })
    }

    /// Every field: name and kind.
    pub fn fields(&self) -> impl Iterator<Item = (&'a str, FieldKind)> + 'a {
        let o = *self;
        (0..o.field_count()).filter_map(move |i| o.field_name(i)).map(move |n| (n, o.kind_of(n)))
    }

    /// The kind of a field; [`FieldKind::NONE`] when the object has no such field.
    pub fn kind_of(&self, field: &str) -> FieldKind {
        match c_arg("field", field) {
            Ok(f) => FieldKind(unsafe { sys::kalshi_obj_kind_of(self.ptr(), f.as_ptr()) }),
            Err(_) => FieldKind::NONE,
        }
    }

    /// True when the object carries the field.
    pub fn has(&self, field: &str) -> bool {
        self.kind_of(field) != FieldKind::NONE
    }

    /// A text field; `PARSE` when it is not UTF-8 (the raw JSON is in [`Event::data`]).
    pub fn str(&self, field: &str) -> Result<&'a str> {
        let f = c_arg("field", field)?;
        let (mut p, mut len): (*const c_char, usize) = (ptr::null(), 0);
        field_result(field, unsafe { sys::kalshi_obj_str(self.ptr(), f.as_ptr(), &mut p, &mut len) })?;
        if p.is_null() || len == 0 {
            return Ok("");
        }
        // SAFETY: `len` bytes valid while the event lives.
        let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
        std::str::from_utf8(bytes)
            .map_err(|_| Error::new(ErrorCode::PARSE, format!("field {field:?}: value is not UTF-8")))
    }

    /// An integer field.
    pub fn int(&self, field: &str) -> Result<i64> {
        let f = c_arg("field", field)?;
        let mut v = 0i64;
        field_result(field, unsafe { sys::kalshi_obj_int(self.ptr(), f.as_ptr(), &mut v) })?;
        Ok(v)
    }

    /// A boolean field.
    pub fn bool(&self, field: &str) -> Result<bool> {
        let f = c_arg("field", field)?;
        let mut v = 0;
        field_result(field, unsafe { sys::kalshi_obj_bool(self.ptr(), f.as_ptr(), &mut v) })?;
        Ok(v != 0)
    }

    /// A price field in dollars x 10^6, whatever the JSON carried (dollar strings, cents,
    /// centi-cents).
    pub fn price(&self, field: &str) -> Result<Price> {
        let f = c_arg("field", field)?;
        let mut v = 0;
        field_result(field, unsafe { sys::kalshi_obj_price(self.ptr(), f.as_ptr(), &mut v) })?;
        Ok(Price(v))
    }

    /// A count field in contracts x 100.
    pub fn count(&self, field: &str) -> Result<Count> {
        let f = c_arg("field", field)?;
        let mut v = 0;
        field_result(field, unsafe { sys::kalshi_obj_count(self.ptr(), f.as_ptr(), &mut v) })?;
        Ok(Count(v))
    }

    /// Order-book levels on a side: `"yes"`/`"no"` (prediction) or `"bid"`/`"ask"` (perps); 0
    /// for an object without levels.
    pub fn level_count(&self, side: &str) -> usize {
        match c_arg("side", side) {
            Ok(s) => unsafe { sys::kalshi_obj_level_count(self.ptr(), s.as_ptr()) },
            Err(_) => 0,
        }
    }

    /// The `i`-th level of a side, best first as the exchange sent them; `None` past the end.
    pub fn level(&self, side: &str, i: usize) -> Option<Level> {
        let s = c_arg("side", side).ok()?;
        let (mut price, mut size) = (0, 0);
        let rc = unsafe { sys::kalshi_obj_level(self.ptr(), s.as_ptr(), i, &mut price, &mut size) };
        (rc == sys::KALSHI_OK).then_some(Level { price: Price(price), size: Count(size) })
    }

    /// Every level of a side, best first.
    pub fn levels(&self, side: &str) -> Vec<Level> {
        (0..self.level_count(side)).map_while(|i| self.level(side, i)).collect()
    }

    pub fn as_ptr(&self) -> *const sys::kalshi_obj_t {
        self.ptr()
    }
}

/// # Safety
/// `p` must be NULL or a NUL-terminated string valid for `'a`.
unsafe fn borrowed<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        ""
    } else {
        CStr::from_ptr(p).to_str().unwrap_or("")
    }
}

/// A field's value rendered for `Debug`.
struct FieldValue<'a>(Obj<'a>, &'a str, FieldKind);

impl fmt::Debug for FieldValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (o, name) = (self.0, self.1);
        match self.2 {
            FieldKind::STR => fmt::Debug::fmt(&o.str(name), f),
            FieldKind::INT => fmt::Debug::fmt(&o.int(name), f),
            FieldKind::BOOL => fmt::Debug::fmt(&o.bool(name), f),
            FieldKind::PRICE => fmt::Debug::fmt(&o.price(name), f),
            FieldKind::COUNT => fmt::Debug::fmt(&o.count(name), f),
            k => fmt::Debug::fmt(&k, f),
        }
    }
}

impl fmt::Debug for Obj<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = *self;
        let mut m = f.debug_map();
        m.entry(&"kind", &o.kind());
        for (name, kind) in o.fields() {
            m.entry(&name, &FieldValue(o, name, kind));
        }
        m.finish()
    }
}

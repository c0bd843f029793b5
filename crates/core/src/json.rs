//! A small, strict JSON reader for the app's own stored records (study marks). The stored text is
//! untrusted — another tab, an old version or a user may have put anything there — so the reader has
//! limits on depth and never panics. Writing is done by the record's owner with `quote`.

/// A parsed JSON value. Numbers keep f64 precision, as JavaScript would.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// A JSON object's members, in the order read. A key given twice means its last value, as in
/// JavaScript. (A list rather than a map: records here have a handful of keys, and a map type
/// would add its own code to the wasm.)
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(Vec<(String, Value)>);

impl Object {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn insert(&mut self, key: String, value: Value) {
        self.0.push((key, value));
    }
}

impl std::ops::Index<&str> for Object {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

/// Why a text is not JSON, with the byte offset where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub offset: usize,
    pub reason: &'static str,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.offset)
    }
}

/// Nesting deeper than this is refused: our records are two levels deep.
const MAX_DEPTH: usize = 32;

pub fn parse(text: &str) -> Result<Value, Error> {
    let mut r = Reader {
        s: text.as_bytes(),
        i: 0,
    };
    r.ws();
    let v = r.value(0)?;
    r.ws();
    if r.i != r.s.len() {
        return Err(r.err("unexpected text after the value"));
    }
    Ok(v)
}

/// Writes `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn err(&self, reason: &'static str) -> Error {
        Error {
            offset: self.i,
            reason,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        match self.peek() {
            None => Err(self.err("unexpected end")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') if self.eat(b"true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("unexpected character")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.i += 1;
        let mut map = Object::default();
        self.ws();
        if self.eat(b"}") {
            return Ok(Value::Object(map));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("expected a key"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b":") {
                return Err(self.err("expected ':'"));
            }
            self.ws();
            let v = self.value(depth + 1)?;
            map.insert(key, v);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"}") {
                return Ok(Value::Object(map));
            }
            return Err(self.err("expected ',' or '}'"));
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"]") {
                return Ok(Value::Array(items));
            }
            return Err(self.err("expected ',' or ']'"));
        }
    }

    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stopped on an ASCII byte, so this slice is valid UTF-8.
            out.push_str(
                std::str::from_utf8(&self.s[start..self.i]).map_err(|_| self.err("bad UTF-8"))?,
            );
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) && self.eat(b"\\u") {
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("bad surrogate pair"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => return Err(self.err("bad escape")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                _ => return Err(self.err("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("short \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.err("bad \\u escape"))?;
        let v = u32::from_str_radix(text, 16).map_err(|_| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(v)
    }

    /// A JSON number (`-? int frac? exp?`, strictly). Read without `f64::from_str`, whose
    /// correctly-rounded parser is a sizeable part of a small wasm: integers and decimals of up to
    /// 15 digits with small exponents (every number this app stores) come out exact, as the
    /// division or product of two exactly representable values is correctly rounded; longer or
    /// far-out ones within a few units in the last place.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let bad = Error {
            offset: start,
            reason: "bad number",
        };
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exp10: i64 = 0;
        let mut digits = 0usize;
        let mut digit = |d: u8, exp10: &mut i64, after_point: bool| {
            if mantissa < 100_000_000_000_000_000 {
                mantissa = mantissa * 10 + u64::from(d - b'0');
                if after_point {
                    *exp10 -= 1;
                }
            } else if !after_point {
                // Digits past what a u64 holds only scale the number.
                *exp10 += 1;
            }
        };
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    digit(d, &mut exp10, false);
                    digits += 1;
                    self.i += 1;
                }
            }
            _ => return Err(bad),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let before = digits;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                digit(d, &mut exp10, true);
                digits += 1;
                self.i += 1;
            }
            if digits == before {
                return Err(bad);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    -1
                }
                Some(b'+') => {
                    self.i += 1;
                    1
                }
                _ => 1,
            };
            let mut e: i64 = 0;
            let mut any = false;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                e = (e * 10 + i64::from(d - b'0')).min(100_000);
                any = true;
                self.i += 1;
            }
            if !any {
                return Err(bad);
            }
            exp10 += sign * e;
        }
        // Exact powers of ten up to 1e22 (the largest a double holds exactly).
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let mut value = mantissa as f64;
        let mut e = exp10;
        while e > 22 {
            value *= 1e22;
            e -= 22;
        }
        while e < -22 {
            value /= 1e22;
            e += 22;
        }
        let scale = POW10[e.unsigned_abs() as usize];
        value = if e >= 0 { value * scale } else { value / scale };
        if negative {
            value = -value;
        }
        if value.is_finite() {
            Ok(Value::Number(value))
        } else {
            Err(bad)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_objects_arrays_and_scalars() {
        let v = parse(r#" {"version": 2, "known": [1, 2.5, -3e2], "s": "a\"b\u00e9\ud83d\ude00", "n": null, "t": true} "#)
            .unwrap();
        let Value::Object(m) = v else {
            panic!("object expected")
        };
        assert_eq!(m["version"], Value::Number(2.0));
        assert_eq!(
            m["known"],
            Value::Array(vec![
                Value::Number(1.0),
                Value::Number(2.5),
                Value::Number(-300.0)
            ])
        );
        assert_eq!(m["s"], Value::String("a\"bé😀".into()));
        assert_eq!(m["n"], Value::Null);
        assert_eq!(m["t"], Value::Bool(true));
    }

    /// Numbers read as the standard library's correctly rounded parser reads them: exactly for
    /// every number of up to 15 digits with a small exponent, within a few ulps otherwise.
    #[test]
    fn numbers_read_as_the_standard_parser_reads_them() {
        let exact = [
            "0",
            "-0",
            "7",
            "2",
            "-300",
            "2.5",
            "0.1",
            "0.3",
            "123.456",
            "-1e3",
            "3e-2",
            "1E+2",
            "999999999999999",
            "0.000001",
            "12345678.9",
            "1e22",
            "4.5e-10",
        ];
        for text in exact {
            let want: f64 = text.parse().unwrap();
            assert_eq!(parse(text), Ok(Value::Number(want)), "{text}");
        }
        for text in [
            "3.141592653589793238",
            "1e300",
            "2.2250738585072014e-308",
            "123456789012345678901234",
        ] {
            let want: f64 = text.parse().unwrap();
            let Ok(Value::Number(got)) = parse(text) else {
                panic!("{text} not read")
            };
            assert!(
                ((got - want) / want).abs() < 1e-14,
                "{text}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn a_key_given_twice_means_its_last_value() {
        let Ok(Value::Object(m)) = parse(r#"{"a": 1, "b": 2, "a": 3}"#) else {
            panic!("object expected")
        };
        assert_eq!(m.get("a"), Some(&Value::Number(3.0)));
        assert_eq!(m.get("b"), Some(&Value::Number(2.0)));
        assert_eq!(m.get("c"), None);
    }

    #[test]
    fn refuses_broken_text_without_panicking() {
        for bad in [
            "",
            "{",
            "[1,",
            "{\"a\" 1}",
            "tru",
            "\"abc",
            "[1 2]",
            "{\"a\":1}x",
            "1e999",
            "\"\\u12\"",
            "[-]",
            "{'a':1}",
            "\"\\x\"",
            "nul",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "1.e3",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn refuses_deep_nesting() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().reason, "nested too deeply");
    }

    #[test]
    fn quote_round_trips() {
        for s in [
            "plain",
            "quote \" and \\ backslash",
            "line\nbreak\t\u{1}",
            "中文 😀",
        ] {
            assert_eq!(parse(&quote(s)).unwrap(), Value::String(s.into()));
        }
    }
}

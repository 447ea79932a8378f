//! A small strict JSON reader (RFC 8259) for the contract's documents. The wasm app parses
//! with this instead of serde_json: serde's generic deserializers cost the first view about
//! 13 KB brotli, this costs a few. Numbers keep only their integer value (the contract has no
//! fractional field); nesting is bounded so hostile input cannot exhaust the stack.

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The integer value, or `None` for a fraction, an exponent or an out-of-range number.
    Number(Option<i64>),
    String(String),
    Array(Vec<Value>),
    /// Members in document order; duplicates are kept (readers take the last, as browsers do).
    Object(Vec<(String, Value)>),
}

/// Appends `s` as a JSON string literal.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `<` too, so that the JSON can never close a script element it is put in.
            // `\u00XY` by hand: no formatting machinery for the wasm that writes JSON-LD.
            c if (c as u32) < 0x20 || c == '<' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Deeper nesting than this is refused.
pub const MAX_DEPTH: usize = 128;

/// Parses one JSON document (surrounding white space allowed, nothing else).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let value = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("unexpected data after the document"));
    }
    Ok(value)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("JSON: {what} at byte {}", self.i)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        let hit = self.s[self.i..].starts_with(word);
        if hit {
            self.i += word.len();
        }
        hit
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(self.err("nesting too deep"));
        }
        self.ws();
        match self.s.get(self.i) {
            None => Err(self.err("unexpected end")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ if self.eat(b"null") => Ok(Value::Null),
            _ if self.eat(b"true") => Ok(Value::Bool(true)),
            _ if self.eat(b"false") => Ok(Value::Bool(false)),
            _ => Err(self.err("unexpected character")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.i += 1;
        let mut members = Vec::new();
        self.ws();
        if self.eat(b"}") {
            return Ok(Value::Object(members));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("expected a member name"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b":") {
                return Err(self.err("expected ':'"));
            }
            members.push((key, self.value(depth + 1)?));
            self.ws();
            if self.eat(b"}") {
                return Ok(Value::Object(members));
            }
            if !self.eat(b",") {
                return Err(self.err("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(b"]") {
                return Ok(Value::Array(items));
            }
            if !self.eat(b",") {
                return Err(self.err("expected ',' or ']'"));
            }
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        self.eat(b"-");
        let digits = |p: &mut Self| {
            let from = p.i;
            while let Some(b'0'..=b'9') = p.s.get(p.i) {
                p.i += 1;
            }
            p.i - from
        };
        let int_start = self.i;
        let int_len = digits(self);
        if int_len == 0 || (int_len > 1 && self.s[int_start] == b'0') {
            return Err(self.err("malformed number"));
        }
        let mut integral = true;
        if self.eat(b".") {
            integral = false;
            if digits(self) == 0 {
                return Err(self.err("malformed number"));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            integral = false;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.err("malformed number"));
            }
        }
        // The slice is ASCII digits and '-' only.
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        Ok(Value::Number(
            integral.then(|| text.parse::<i64>().ok()).flatten(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let part = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("short \\u escape"))?;
        let mut n = 0;
        for &b in part {
            let d = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.err("bad \\u escape"))?;
            n = n * 16 + d;
        }
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once.
            let run = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and the run stops at ASCII bytes: a char boundary.
            out.push_str(std::str::from_utf8(&self.s[run..self.i]).unwrap_or(""));
            match self.s.get(self.i) {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = *self.s.get(self.i).ok_or_else(|| self.err("bad escape"))?;
                    self.i += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut c = self.hex4()?;
                            if (0xD800..0xDC00).contains(&c) && self.eat(b"\\u") {
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                                } else {
                                    out.push('\u{FFFD}');
                                    c = low;
                                }
                            }
                            // A lone surrogate becomes U+FFFD, as a browser's decoder does.
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2, 3.5, 1e3, null, true, false], "b": {"c": "d"}, "": ""} "#)
            .unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number(Some(1)),
                        Value::Number(Some(-2)),
                        Value::Number(None),
                        Value::Number(None),
                        Value::Null,
                        Value::Bool(true),
                        Value::Bool(false),
                    ])
                ),
                (
                    "b".into(),
                    Value::Object(vec![("c".into(), Value::String("d".into()))])
                ),
                ("".into(), Value::String("".into())),
            ])
        );
    }

    #[test]
    fn strings_decode_escapes_and_keep_unicode() {
        assert_eq!(
            parse(r#""Qu\u1ea3ng Nam \"x\" \\ \/ \n\t é 😀 \ud83d\ude00 \ud800x""#).unwrap(),
            Value::String("Quảng Nam \"x\" \\ / \n\t é 😀 😀 \u{FFFD}x".into())
        );
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "nul",
            "tru",
            "\"abc",
            "\"a\u{1}b\"",
            "\"\\x\"",
            "\"\\u12\"",
            "[1 2]",
            "{\"a\" 1}",
            "{} {}",
            "NaN",
            "Infinity",
            "[",
            "\"\\",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn huge_integers_are_not_integers() {
        assert_eq!(
            parse("123456789012345678901234567890").unwrap(),
            Value::Number(None)
        );
    }
}

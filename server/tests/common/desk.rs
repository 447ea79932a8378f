//! The moderation desk as an editor's browser uses it: cookies kept, CSRF tokens read from
//! its forms.

use super::{connect_from, header_values, request_on, Resp, Server};

/// The moderation desk's default path.
pub const DESK: &str = "/quan-tri";

/// A browser of the moderation desk: a client address and a cookie jar.
pub struct DeskClient {
    pub addr: String,
    pub from: [u8; 4],
    pub cookies: Vec<(String, String)>,
    /// Extra headers sent with every request (Origin, Sec-Fetch-Site, …).
    pub extra: Vec<(String, String)>,
}

impl DeskClient {
    pub fn new(server: &Server) -> DeskClient {
        DeskClient::from_ip(server, [127, 0, 0, 1])
    }

    pub fn from_ip(server: &Server, from: [u8; 4]) -> DeskClient {
        DeskClient {
            addr: server.addr.clone(),
            from,
            cookies: Vec::new(),
            extra: Vec::new(),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn send(&mut self, method: &str, path: &str, body: &str) -> Resp {
        let jar = self
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut headers: Vec<(&str, &str)> = self
            .extra
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        if !jar.is_empty() {
            headers.push(("Cookie", &jar));
        }
        if method == "POST" {
            headers.push(("Content-Type", "application/x-www-form-urlencoded"));
        }
        let stream = connect_from(self.from, &self.addr);
        let r = request_on(stream, &self.addr, method, path, &headers, body.as_bytes());
        for set in header_values(&r, "set-cookie") {
            let pair = set.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !set.contains("Max-Age=0") {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
        r
    }

    pub fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, "")
    }

    /// Posts `fields` as a form.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send("POST", path, &body)
    }

    /// Loads the login form and posts it.
    pub fn login(&mut self, name: &str, password: &str) -> Resp {
        let form = self.get(&format!("{DESK}/dang-nhap"));
        let token = csrf_of(&form.text());
        self.post(
            &format!("{DESK}/dang-nhap"),
            &[("csrf", &token), ("ten", name), ("mat-khau", password)],
        )
    }

    /// The session's CSRF token, from the queue page.
    pub fn csrf(&mut self) -> String {
        let page = self.get(&format!("{DESK}/"));
        assert_eq!(page.status, 200, "{}", page.text());
        csrf_of(&page.text())
    }
}

/// The first CSRF token of a page's forms.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no CSRF field in {html}"));
    let rest = &html[at + r#"name="csrf" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

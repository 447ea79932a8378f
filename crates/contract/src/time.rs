//! RFC 3339 timestamps shown in Vietnam time (UTC+7), whatever the reader's time zone.
//! Hand-written rather than chrono: the app needs one format, and chrono's tables would
//! cost the wasm more than this whole file.

const VIETNAM_OFFSET_SECS: i64 = 7 * 3600;
const WEEKDAYS: [&str; 7] = [
    "Chủ Nhật",
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
];

/// A calendar date and time of day, without zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: usize,
}

/// Seconds since the Unix epoch of an RFC 3339 timestamp with `Z` or a numeric offset.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // `get`, not indexing: no slicing panic (and its formatting) in the wasm.
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let rb = rest.as_bytes();
            if rb.len() != 6 || rb[3] != b':' {
                return None;
            }
            let sign = match rb[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    let days = days_from_civil(year, month as u32, day as u32);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The wall-clock time in Vietnam (UTC+7) of a Unix timestamp.
pub fn vietnam_time(unix_secs: i64) -> LocalTime {
    let local = unix_secs + VIETNAM_OFFSET_SECS;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    LocalTime {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: (secs % 3600 / 60) as u32,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as usize,
    }
}

/// `Thứ Năm, 02/02/2023, 16:30 (GMT+7)` for an RFC 3339 timestamp; `None` if it is not one.
pub fn format_vietnam_datetime(rfc3339: &str) -> Option<String> {
    let t = vietnam_time(parse_rfc3339(rfc3339)?);
    Some(format!(
        "{}, {:02}/{:02}/{}, {:02}:{:02} (GMT+7)",
        WEEKDAYS[t.weekday], t.day, t.month, t.year, t.hour, t.minute
    ))
}

/// `02/02/2023 16:30` (Vietnam time), the short form for lists and comments.
pub fn format_vietnam_short(rfc3339: &str) -> Option<String> {
    let t = vietnam_time(parse_rfc3339(rfc3339)?);
    Some(format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        t.day, t.month, t.year, t.hour, t.minute
    ))
}

/// `2023-02-02T16:30:00+07:00`: an RFC 3339 timestamp written in Vietnam time with its
/// offset, as structured data for search engines carries it (the same moment, the zone the
/// page shows); `None` if it is not one.
pub fn vietnam_rfc3339(rfc3339: &str) -> Option<String> {
    let unix = parse_rfc3339(rfc3339)?;
    let t = vietnam_time(unix);
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        t.year,
        t.month,
        t.day,
        t.hour,
        t.minute,
        unix.rem_euclid(60)
    ))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_article_time() {
        assert_eq!(
            format_vietnam_datetime("2023-02-02T16:30:00+07:00").as_deref(),
            Some("Thứ Năm, 02/02/2023, 16:30 (GMT+7)")
        );
    }

    #[test]
    fn utc_evening_is_the_next_day_in_vietnam() {
        // 20:15 UTC on Wednesday 1 Feb is 03:15 on Thursday 2 Feb in Vietnam.
        assert_eq!(
            format_vietnam_datetime("2023-02-01T20:15:00Z").as_deref(),
            Some("Thứ Năm, 02/02/2023, 03:15 (GMT+7)")
        );
        // 16:59:59 UTC stays on the same day; 17:00 UTC is the next one.
        assert_eq!(
            format_vietnam_short("2023-12-31T16:59:59Z").as_deref(),
            Some("31/12/2023 23:59")
        );
        assert_eq!(
            format_vietnam_datetime("2023-12-31T17:00:00Z").as_deref(),
            Some("Thứ Hai, 01/01/2024, 00:00 (GMT+7)")
        );
        // A negative offset across a month and leap day boundary.
        assert_eq!(
            format_vietnam_datetime("2024-02-28T22:30:00-05:00").as_deref(),
            Some("Thứ Năm, 29/02/2024, 10:30 (GMT+7)")
        );
    }

    #[test]
    fn every_weekday_has_its_name() {
        // 5 to 11 February 2023: Sunday to Saturday.
        let expected = [
            "Chủ Nhật",
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
        ];
        for (i, name) in expected.iter().enumerate() {
            let ts = format!("2023-02-{:02}T09:00:00+07:00", 5 + i);
            let shown = format_vietnam_datetime(&ts).unwrap();
            assert_eq!(
                shown,
                format!("{name}, {:02}/02/2023, 09:00 (GMT+7)", 5 + i),
                "{ts}"
            );
        }
    }

    #[test]
    fn fractions_and_lowercase_z_parse() {
        assert_eq!(
            parse_rfc3339("1970-01-01T00:00:00.123z"),
            Some(0),
            "epoch with fraction"
        );
        assert_eq!(parse_rfc3339("1970-01-01T07:00:00+07:00"), Some(0));
    }

    #[test]
    fn structured_data_times_are_the_same_moment_at_plus_seven() {
        for (given, written) in [
            ("2023-02-02T16:30:00+07:00", "2023-02-02T16:30:00+07:00"),
            ("2023-02-01T20:15:09Z", "2023-02-02T03:15:09+07:00"),
            ("2023-12-31T23:59:59.5-05:00", "2024-01-01T11:59:59+07:00"),
        ] {
            let out = vietnam_rfc3339(given).unwrap();
            assert_eq!(out, written);
            assert_eq!(parse_rfc3339(&out), parse_rfc3339(given));
        }
        assert_eq!(vietnam_rfc3339("2023-02-02"), None);
    }

    #[test]
    fn malformed_timestamps_are_none() {
        for bad in [
            "",
            "2023-02-02",
            "2023-02-02T16:30:00",
            "2023-02-30T16:30:00Z",
            "2023-13-01T00:00:00Z",
            "2023-02-02T24:00:00Z",
            "2023-02-02T16:30:00+0700",
            "2023-02-02T16:30:00.Z",
            "２０２３-02-02T16:30:00Z",
            "2023-02-02T16:30:00+07:00 ",
        ] {
            assert_eq!(format_vietnam_datetime(bad), None, "{bad:?}");
        }
    }
}

//! `news-server user add|remove|list`: the desk's accounts, made on the server's shell
//! (there is no sign-up page: whoever can run this can already read the database).

use super::auth;
use crate::db::{Db, Location};
use std::io::{BufRead, IsTerminal};

/// A login name: 1 to 64 of `a-z 0-9 . _ -`, so that the audit log and the rate limiter see
/// one spelling of each name.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// Adds account `name` with a password asked twice on a terminal, or read as one line
/// from standard input otherwise (a script's pipe).
pub fn add(db_path: &Location, name: &str) -> Result<(), String> {
    if !valid_name(name) {
        return Err(format!(
            "tên tài khoản {name:?} không hợp lệ: 1–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang"
        ));
    }
    let db = open(db_path)?;
    let password = read_password()?;
    if let Some(why) = auth::password_problem(&password) {
        return Err(why);
    }
    let hash = auth::hash_password(&password)?;
    let added = db
        .add_user(name, &hash, crate::clock::now_unix())
        .map_err(|e| format!("database: {e}"))?;
    if !added {
        return Err(format!("tài khoản {name} đã có"));
    }
    println!("đã thêm tài khoản {name}");
    Ok(())
}

/// Removes account `name` and ends its sessions at once.
pub fn remove(db_path: &Location, name: &str) -> Result<(), String> {
    let db = open_existing(db_path)?;
    if !db.remove_user(name).map_err(|e| format!("database: {e}"))? {
        return Err(format!("không có tài khoản {name}"));
    }
    println!("đã xoá tài khoản {name}");
    Ok(())
}

/// Prints the accounts, one a line: name, then when it was made (UTC).
pub fn list(db_path: &Location) -> Result<(), String> {
    let db = open_existing(db_path)?;
    for user in db.users().map_err(|e| format!("database: {e}"))? {
        println!(
            "{}\t{}",
            user.name,
            crate::clock::rfc3339_utc(user.created_at)
        );
    }
    Ok(())
}

/// `serve` creates the database; `user add` may be run before the first start, so it
/// creates one too (but, like the moderation commands, never adopts another program's).
fn open(db_path: &Location) -> Result<Db, String> {
    Db::open(db_path).map_err(|e| format!("database {db_path}: {e}"))
}

/// Removing or listing on a mistyped `--db` says so rather than creating a database.
fn open_existing(db_path: &Location) -> Result<Db, String> {
    if matches!(db_path, Location::Sqlite(file) if !file.is_file()) {
        return Err(format!("không có cơ sở dữ liệu {db_path}"));
    }
    Db::open_existing(db_path).map_err(|e| format!("database {db_path}: {e}"))
}

fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = rpassword::prompt_password("Mật khẩu: ").map_err(|e| e.to_string())?;
        let second =
            rpassword::prompt_password("Nhập lại mật khẩu: ").map_err(|e| e.to_string())?;
        if first != second {
            return Err("hai lần nhập mật khẩu không giống nhau".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

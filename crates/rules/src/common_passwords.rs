//! The blocklist of common passwords: about 1.3 million of them, described
//! by a small grammar instead of stored as a table.
//!
//! People build passwords from a few ingredients: a word (pinyin words and
//! names such as `woaini`, `zhangwei`; English ones such as `password`,
//! `admin`; keyboard walks such as `qwer`, `1qaz2wsx`; letter runs such as
//! `abc`, `aaa`), a number (`123456`, `1314`, `520`, `888`, years, birthdays
//! `MMDD`), put together as word + number (`Woaini1314!`, `Abc@123456`) or
//! number + word (`520woaini`), with capitals and symbols sprinkled in. The
//! blocklist is the set [`for_each`] enumerates (over [`normalise`]d
//! passwords), and a password is common exactly when [`is_common`] says so:
//!
//! * **normalisation**: full-width forms to ASCII, lower case, and every
//!   ASCII character that is neither a letter nor a digit removed, so that
//!   `Woaini@1314!`, `woaini1314` and `WOAINI_1314` are the same;
//! * **the set** `G` of normalised passwords is the union of
//!   * `W`: the words (pinyin words, English words, names = surname + given
//!     name or `xiao`/`lao`/`a` + surname, keyboard walks, letter runs);
//!   * `N`: the numbers ([`COMBO`] numbers, and dates of birth `YYYYMMDD`
//!     for 1940–2026 and `YYMMDD`);
//!   * `W·C`: a word followed by a combo number `C` (digit runs and
//!     repetitions, lucky numbers, 1–2 digit numbers, years 1950–2030,
//!     `MMDD` dates);
//!   * `L·W`: a lead number (`123`, `520`, `1314`, …) followed by a word;
//! * plus the handful of [`LITERALS`] (`p@ssw0rd`, …) compared, lower-cased,
//!   with the whole password.
//!
//! The recogniser ([`in_set`]) and the generator ([`for_each`]) read the same
//! tables; the tests enumerate the generator and check that they agree.
//! Nothing here allocates a table at run time, so the check costs the
//! browser only the words themselves.

use crate::text::half_width;

/// Common passwords compared (lower-cased) with the whole password, for
/// what the grammar does not produce: look-alike substitutions and the like.
pub const LITERALS: &[&str] = &[
    "p@ssw0rd",
    "p@ssword",
    "passw0rd",
    "p@ssw0rd123",
    "p@55w0rd",
    "p@ssw0rd!",
    "passw0rd!",
    "1qaz@wsx",
    "1qaz!qaz",
    "adm1n",
    "adm1n123",
    "r00t",
    "l0ve",
    "il0veyou",
    "w0aini",
    "zaq1@wsx",
    "zaq12wsx",
    "a1b2c3d4",
];

/// Pinyin words and phrases people make passwords of.
const PINYIN: &[&str] = &[
    "aini",
    "aiqing",
    "aiwo",
    "aiyou",
    "baba",
    "baidu",
    "baobao",
    "baobei",
    "beijing",
    "caonima",
    "chengdu",
    "chongqing",
    "dadan",
    "dage",
    "didi",
    "dongdong",
    "erzi",
    "fendou",
    "feifei",
    "fuqi",
    "gege",
    "guangzhou",
    "haha",
    "hangzhou",
    "hehe",
    "huahua",
    "huawei",
    "hushi",
    "jiankang",
    "jiayou",
    "jiejie",
    "kaixin",
    "kuaile",
    "laogong",
    "laopo",
    "lele",
    "mama",
    "meimei",
    "meinv",
    "mengxiang",
    "mima",
    "mimamima",
    "nanjing",
    "nihao",
    "nuer",
    "pengyou",
    "pingan",
    "qingchun",
    "shanghai",
    "shenzhen",
    "shuaige",
    "taobao",
    "tiantian",
    "tianjin",
    "weixin",
    "wobuzhidao",
    "wodemima",
    "woai",
    "woaibaba",
    "woaijia",
    "woaimama",
    "woaini",
    "woainia",
    "woaiwojia",
    "woaizhongguo",
    "wojiushiwo",
    "woshishui",
    "wuhan",
    "xian",
    "xiaobao",
    "xiaomi",
    "xiaoxiao",
    "xiexie",
    "xingfu",
    "yiqi",
    "yisheng",
    "yiyuan",
    "yongyuan",
    "yueyue",
    "zaijian",
    "zhongguo",
    "zhongguoren",
    "zhufu",
    "zuiai",
];

/// English (and international) words people make passwords of.
const ENGLISH: &[&str] = &[
    "admin",
    "administrator",
    "angel",
    "apple",
    "baby",
    "baseball",
    "batman",
    "china",
    "computer",
    "doctor",
    "dragon",
    "flower",
    "football",
    "freedom",
    "google",
    "guest",
    "happy",
    "health",
    "hello",
    "hellokitty",
    "hospital",
    "hunter",
    "iloveu",
    "iloveyou",
    "internet",
    "jordan",
    "killer",
    "login",
    "love",
    "loveyou",
    "lucky",
    "manager",
    "master",
    "michael",
    "monkey",
    "nurse",
    "pass",
    "passwd",
    "password",
    "princess",
    "qqq",
    "root",
    "secret",
    "server",
    "letmein",
    "changeme",
    "shadow",
    "summer",
    "sunshine",
    "superman",
    "system",
    "test",
    "trustno",
    "user",
    "welcome",
    "whatever",
    "winter",
];

/// The commonest surnames, in pinyin.
const SURNAMES: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng",
];

/// The commonest given names, in pinyin.
const GIVEN_NAMES: &[&str] = &[
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie",
    "tao", "ming", "chao", "xiuying", "xiulan", "xia", "ping", "gang", "hua", "hui", "juan",
    "ying", "hong", "jian", "lili", "tingting",
];

/// Prefixes of nicknames made of a surname: 小王, 老李, 阿张.
const NICK_PREFIXES: &[&str] = &["xiao", "lao", "a"];

/// The letter rows of the keyboard; walks are their runs of 3 or more keys,
/// both ways.
const ROWS: &[&str] = &["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// The digit row, over which the top letter row lies.
const DIGIT_ROW: &str = "1234567890";

/// The keyboard columns from the top letter row down (`qaz`, `wsx`, …).
const COLUMNS: &[&str] = &["qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm"];

/// The alphabet, whose prefixes (`abc`, `abcd`, …) are words.
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz";

/// Numbers with a meaning: 520 我爱你, 1314 一生一世, 168 一路发, the number
/// pad walks, service numbers.
const LUCKY: &[&str] = &[
    "520",
    "521",
    "1314",
    "5201314",
    "1314520",
    "5211314",
    "13145200",
    "7758521",
    "584520",
    "9420",
    "168",
    "1688",
    "518",
    "5188",
    "6688",
    "8866",
    "147258",
    "147258369",
    "159357",
    "159753",
    "147852",
    "741852",
    "741852963",
    "789456",
    "789456123",
    "123654",
    "123654789",
    "963852741",
    "321654",
    "246810",
    "13579",
    "135790",
    "2468",
    "1357",
    "110",
    "119",
    "120",
    "911",
    "10086",
    "10010",
    "12306",
];

/// The numbers that may also lead a word (`123abc`, `520woaini`).
const LEAD: &[&str] = &[
    "1", "12", "123", "1234", "12345", "123456", "520", "521", "1314", "5201314", "1314520", "666",
    "888", "168", "000", "111",
];

/// The birth years of dates of birth.
const DATE_YEARS: std::ops::RangeInclusive<u32> = 1940..=2026;
/// The years that follow a word (`zhangwei1990`, `Yisheng2026`).
const COMBO_YEARS: std::ops::RangeInclusive<u32> = 1950..=2030;
/// The longest repetition of one digit (`8888888888`).
const MAX_REPEAT: usize = 10;
/// The longest repetition of one letter (`aaaaaa`).
const MAX_LETTER_REPEAT: usize = 6;

/// What [`for_each`] and [`in_set`] compare: full-width forms mapped to
/// ASCII, ASCII letters in lower case, and every other ASCII character
/// removed. Other characters (`医`, `é`) stay, and the set has none of them.
pub fn normalise(password: &str) -> String {
    password
        .chars()
        .map(half_width)
        .filter(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether the password is on the blocklist: one of the [`LITERALS`]
/// (case-insensitively) or, [`normalise`]d, in the set [`for_each`]
/// enumerates.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_ascii_lowercase();
    LITERALS.contains(&lower.as_str()) || in_set(&normalise(password))
}

/// Whether an already [`normalise`]d password is in the set [`for_each`]
/// enumerates.
pub fn in_set(s: &str) -> bool {
    if s.is_empty() || !s.is_ascii() {
        return false;
    }
    is_word(s)
        || is_number(s)
        || (1..s.len()).any(|i| {
            let (a, b) = s.split_at(i);
            (is_combo(b) && is_word(a)) || (is_lead(a) && is_word(b))
        })
}

/// Calls `f` with each member of the set (normalised passwords; some more
/// than once), then with each of the [`LITERALS`].
pub fn for_each(mut f: impl FnMut(&str)) {
    for_each_in_set(&mut f);
    LITERALS.iter().for_each(|l| f(l));
}

/// The members of the set [`in_set`] recognises (some more than once).
fn for_each_in_set(mut f: impl FnMut(&str)) {
    let mut words = Vec::new();
    for_each_word(|w| words.push(w.to_string()));
    let mut combos = Vec::new();
    for_each_combo(|c| combos.push(c.to_string()));
    let mut buf = String::new();
    for w in &words {
        f(w);
        for c in &combos {
            buf.clear();
            buf.push_str(w);
            buf.push_str(c);
            f(&buf);
        }
        for l in LEAD {
            buf.clear();
            buf.push_str(l);
            buf.push_str(w);
            f(&buf);
        }
    }
    for_each_number(&mut f);
}

// ---- words -------------------------------------------------------------

/// `W`: the words.
fn is_word(s: &str) -> bool {
    // Every word has a letter.
    s.bytes().any(|c| c.is_ascii_lowercase())
        && (PINYIN.contains(&s)
            || ENGLISH.contains(&s)
            || is_name(s)
            || is_keyboard(s)
            || (s.len() <= MAX_LETTER_REPEAT && is_repeat(s, |c| c.is_ascii_lowercase()))
            || (s.len() >= 3 && ALPHABET.starts_with(s)))
}

/// Enumerates `W`.
fn for_each_word(mut f: impl FnMut(&str)) {
    PINYIN.iter().chain(ENGLISH).for_each(|w| f(w));
    for s in SURNAMES {
        for g in GIVEN_NAMES {
            f(&format!("{s}{g}"));
        }
        for p in NICK_PREFIXES {
            f(&format!("{p}{s}"));
        }
    }
    for_each_keyboard(&mut f);
    for c in 'a'..='z' {
        for n in 1..=MAX_LETTER_REPEAT {
            f(&c.to_string().repeat(n));
        }
    }
    for n in 3..=ALPHABET.len() {
        f(&ALPHABET[..n]);
    }
}

fn is_name(s: &str) -> bool {
    let pair =
        |a: &[&str], b: &[&str]| (1..s.len()).any(|i| a.contains(&&s[..i]) && b.contains(&&s[i..]));
    pair(SURNAMES, GIVEN_NAMES) || pair(NICK_PREFIXES, SURNAMES)
}

/// Keyboard walks: runs of 3 or more keys of a letter row, either way;
/// runs of 1 to 4 columns (`qazwsx`), optionally each after its digit
/// (`1qaz2wsx`) or reversed before it (`zaq1xsw2`); alternating digits and
/// top-row letters (`1q2w3e4r`, `q1w2e3r4`); and stacked row starts
/// (`qweasdzxc`, `qwerasdf`). The same walks as [`for_each_keyboard`],
/// recognised without building them.
fn is_keyboard(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let back: String = s.chars().rev().collect();
    let row_walk = n >= 3 && ROWS.iter().any(|r| r.contains(s) || r.contains(&back));
    // Runs of columns, each chunk of `width` bytes made by `chunk` from the
    // column's index.
    let columns = |width: usize, chunk: &dyn Fn(usize, &[u8]) -> bool| {
        n.is_multiple_of(width)
            && (1..=4).contains(&(n / width))
            && (0..COLUMNS.len()).any(|start| {
                start + n / width <= COLUMNS.len()
                    && b.chunks(width)
                        .enumerate()
                        .all(|(k, c)| chunk(start + k, c))
            })
    };
    let digits = DIGIT_ROW.as_bytes();
    let top = ROWS[0].as_bytes();
    let plain = columns(3, &|i, c| c == COLUMNS[i].as_bytes());
    let numbered = columns(4, &|i, c| {
        c[0] == digits[i] && &c[1..] == COLUMNS[i].as_bytes()
    });
    let reversed = columns(4, &|i, c| {
        c[3] == digits[i] && c[..3].iter().eq(COLUMNS[i].as_bytes().iter().rev())
    });
    let alternating = n.is_multiple_of(2)
        && (4..=2 * DIGIT_ROW.len()).contains(&n)
        && ((0..n / 2).all(|k| b[2 * k] == digits[k] && b[2 * k + 1] == top[k])
            || (0..n / 2).all(|k| b[2 * k] == top[k] && b[2 * k + 1] == digits[k]));
    let stacked = (3..=5).any(|w| {
        (n == 2 * w || n == 3 * w) && b.chunks(w).zip(ROWS).all(|(c, r)| c == &r.as_bytes()[..w])
    });
    row_walk || plain || numbered || reversed || alternating || stacked
}

fn for_each_keyboard(mut f: impl FnMut(&str)) {
    for row in ROWS {
        let back: String = row.chars().rev().collect();
        for r in [*row, back.as_str()] {
            for start in 0..r.len() {
                for end in start + 3..=r.len() {
                    f(&r[start..end]);
                }
            }
        }
    }
    let digits = DIGIT_ROW.as_bytes();
    for start in 0..COLUMNS.len() {
        for end in start + 1..=COLUMNS.len().min(start + 4) {
            let (mut plain, mut numbered, mut reversed) =
                (String::new(), String::new(), String::new());
            for (i, col) in COLUMNS.iter().enumerate().take(end).skip(start) {
                plain.push_str(col);
                numbered.push(digits[i] as char);
                numbered.push_str(col);
                reversed.extend(col.chars().rev());
                reversed.push(digits[i] as char);
            }
            f(&plain);
            f(&numbered);
            f(&reversed);
        }
    }
    let top = ROWS[0].as_bytes();
    let (mut dl, mut ld) = (String::new(), String::new());
    for i in 0..DIGIT_ROW.len() {
        dl.push(digits[i] as char);
        dl.push(top[i] as char);
        ld.push(top[i] as char);
        ld.push(digits[i] as char);
        if i >= 1 {
            f(&dl);
            f(&ld);
        }
    }
    for n in 3..=5 {
        let two = format!("{}{}", &ROWS[0][..n], &ROWS[1][..n]);
        f(&two);
        f(&format!("{two}{}", &ROWS[2][..n]));
    }
}

/// One character repeated 1 to [`MAX_REPEAT`] times, of the given kind.
fn is_repeat(s: &str, kind: impl Fn(u8) -> bool) -> bool {
    let b = s.as_bytes();
    !b.is_empty() && b.len() <= MAX_REPEAT && kind(b[0]) && b.iter().all(|&c| c == b[0])
}

// ---- numbers -----------------------------------------------------------

/// `N`: the numbers on their own, the combo ones and dates of birth.
fn is_number(s: &str) -> bool {
    is_combo(s) || is_birth_date(s)
}

fn for_each_number(mut f: impl FnMut(&str)) {
    for_each_combo(&mut f);
    for y in DATE_YEARS {
        for_each_month_day(|md| {
            f(&format!("{y}{md}"));
        });
    }
    for y in 0..100 {
        for_each_month_day(|md| f(&format!("{y:02}{md}")));
    }
}

/// `YYYYMMDD` over [`DATE_YEARS`], or `YYMMDD` for any two-digit year.
fn is_birth_date(s: &str) -> bool {
    all_digits(s)
        && match s.len() {
            8 => DATE_YEARS.contains(&num(&s[..4])) && is_month_day(&s[4..]),
            6 => is_month_day(&s[2..]),
            _ => false,
        }
}

/// `C`: the numbers that follow a word.
fn is_combo(s: &str) -> bool {
    if !all_digits(s) {
        return false;
    }
    let n = s.len();
    n <= 2
        || is_repeat(s, |c| c.is_ascii_digit())
        || (n >= 3 && (is_run(s) || is_run_twice(s) || is_run_mirrored(s)))
        || is_doubled_run(s)
        || (n == 4 && s[..2] == s[2..])
        || (n == 4 && COMBO_YEARS.contains(&num(s)))
        || is_month_day(s)
        || LUCKY.contains(&s)
}

fn for_each_combo(mut f: impl FnMut(&str)) {
    for n in 0..10 {
        f(&n.to_string());
    }
    for n in 0..100 {
        f(&format!("{n:02}"));
    }
    for d in '0'..='9' {
        for n in 1..=MAX_REPEAT {
            f(&d.to_string().repeat(n));
        }
    }
    for_each_run(|r| {
        f(r);
        if r.len() <= 5 {
            f(&format!("{r}{r}"));
            let back: String = r.chars().rev().collect();
            f(&format!("{r}{back}"));
        }
    });
    for start in 0..=8u8 {
        let mut s = String::new();
        for d in start..=9 {
            s.push((b'0' + d) as char);
            s.push((b'0' + d) as char);
            if s.len() >= 4 && s.len() <= 10 {
                f(&s);
            }
        }
    }
    for n in 0..100 {
        f(&format!("{n:02}{n:02}"));
    }
    for y in COMBO_YEARS {
        f(&y.to_string());
    }
    for_each_month_day(&mut f);
    LUCKY.iter().for_each(|l| f(l));
}

/// Ascending and descending digit runs of 3 to 10 digits, wrapping after
/// 9 once, as on the keyboard (`890`, `7890`, `1234567890`, `3210`).
const RUNS: [&str; 2] = ["01234567890", "09876543210"];

fn is_run(s: &str) -> bool {
    (3..=10).contains(&s.len()) && RUNS.iter().any(|r| r.contains(s))
}

fn for_each_run(mut f: impl FnMut(&str)) {
    for r in RUNS {
        for start in 0..r.len() {
            for end in start + 3..=r.len().min(start + 10) {
                f(&r[start..end]);
            }
        }
    }
}

/// A run of 3 to 5 digits twice (`123123`) or followed by itself backwards
/// (`123321`).
fn is_run_twice(s: &str) -> bool {
    let h = s.len() / 2;
    s.len().is_multiple_of(2) && (3..=5).contains(&h) && is_run(&s[..h]) && s[..h] == s[h..]
}

fn is_run_mirrored(s: &str) -> bool {
    let h = s.len() / 2;
    s.len().is_multiple_of(2)
        && (3..=5).contains(&h)
        && is_run(&s[..h])
        && s[..h].bytes().eq(s[h..].bytes().rev())
}

/// Ascending digits each twice, 2 to 5 of them (`1122`, `112233`).
fn is_doubled_run(s: &str) -> bool {
    let b = s.as_bytes();
    b.len().is_multiple_of(2)
        && (4..=10).contains(&b.len())
        && b.chunks(2).all(|p| p[0] == p[1])
        && b.chunks(2)
            .zip(b.chunks(2).skip(1))
            .all(|(p, q)| q[0] == p[0] + 1)
}

/// A lead number: one of [`LEAD`].
fn is_lead(s: &str) -> bool {
    LEAD.contains(&s)
}

/// `MMDD` of a real day (29 February included).
fn is_month_day(s: &str) -> bool {
    s.len() == 4 && all_digits(s) && {
        let (m, d) = (num(&s[..2]), num(&s[2..]));
        (1..=12).contains(&m) && (1..=days_in(m)).contains(&d)
    }
}

fn for_each_month_day(mut f: impl FnMut(&str)) {
    for m in 1..=12 {
        for d in 1..=days_in(m) {
            f(&format!("{m:02}{d:02}"));
        }
    }
}

fn days_in(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// The value of a short string of digits (callers check they are digits).
fn num(s: &str) -> u32 {
    s.bytes().fold(0, |n, c| n * 10 + u32::from(c - b'0'))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn examples() {
        for p in [
            "Password1!",
            "Qwer1234",
            "Abc@123456",
            "Woaini1314!",
            "Zhangwei0815",
            "wangfang1990",
            "1qaz2wsx",
            "1Qaz2Wsx#",
            "qazwsx123",
            "Nihao@520",
            "520woaini",
            "19900815",
            "900815",
            "147258",
            "Aa123456",
            "ＷＯＡＩＮＩ１３１４",
            "P@ssw0rd",
            "Yisheng#2026",
            "Wobuzhidao888",
            "Admin@123",
            "Welcome1!",
            "Iloveyou520",
            "Xiaowang!666",
            "zxcvbnm",
            "qweasdzxc",
            "5201314",
        ] {
            assert!(is_common(p), "{p}");
        }
        for p in [
            "Horse#Battery9",
            "Demo#2026pass",
            "Xuehua-Piaopiao7",
            "correct horse Battery",
            "医生Hushi2026",
            "Fresh#Start2027",
            "Wrong#pass99",
            "Zhangwei19900815x",
            "Woaini1314Zhangwei",
            "",
            "!!!",
        ] {
            assert!(!is_common(p), "{p}");
        }
    }

    /// The list the policy had before: still refused.
    #[test]
    fn the_former_list_is_covered() {
        let missed: Vec<_> = [
            "123456",
            "123456789",
            "12345678",
            "1234567890",
            "1234567",
            "12345",
            "111111",
            "000000",
            "888888",
            "666666",
            "123123",
            "654321",
            "987654321",
            "112233",
            "121212",
            "123321",
            "5201314",
            "1314520",
            "147258369",
            "11111111",
            "88888888",
            "00000000",
            "66666666",
            "12341234",
            "11223344",
            "password",
            "password1",
            "password123",
            "passw0rd",
            "p@ssw0rd",
            "p@ssword",
            "p@ssw0rd123",
            "admin",
            "admin123",
            "admin@123",
            "administrator",
            "root",
            "root123",
            "qwerty",
            "qwerty123",
            "qwertyuiop",
            "1qaz2wsx",
            "1qaz@wsx",
            "1q2w3e4r",
            "1q2w3e4r5t",
            "q1w2e3r4",
            "zaq12wsx",
            "asdfghjkl",
            "asd123456",
            "asdf1234",
            "abc123",
            "abc12345",
            "abc123456",
            "abcd1234",
            "abcd@1234",
            "a123456",
            "a12345678",
            "a123456789",
            "aa123456",
            "aa12345678",
            "aaa111",
            "a1b2c3d4",
            "qq123456",
            "qq5201314",
            "woaini",
            "woaini1314",
            "woaini520",
            "iloveyou",
            "iloveyou1",
            "5201314a",
            "1314520a",
            "zxcvbnm",
            "zxcvbnm123",
            "welcome",
            "welcome1",
            "welcome123",
            "letmein",
            "monkey",
            "dragon",
            "sunshine",
            "princess",
            "football",
            "baseball",
            "superman",
            "master",
            "shadow",
            "trustno1",
            "changeme",
            "test123",
            "test1234",
            "123qwe",
            "123abc",
            "qazwsx",
            "qazwsxedc",
            "huawei123",
            "huawei@123",
            "yisheng123",
            "hushi123",
            "doctor123",
            "nurse123",
            "china123",
            "zhongguo",
            "beijing",
            "abc@123",
            "abc@1234",
            "admin@1234",
            "p@55w0rd",
            "aa123456!",
            "aa@123456",
            "a1234567",
        ]
        .into_iter()
        .filter(|p| !is_common(p))
        .collect();
        assert!(missed.is_empty(), "{missed:?}");
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("Ｗo-Ai_ni 1314!"), "woaini1314");
        assert_eq!(normalise("医生Hushi"), "医生hushi");
    }

    #[test]
    fn keyboard_walks_agree() {
        let mut walks = std::collections::HashSet::new();
        for_each_keyboard(|k| {
            assert!(is_keyboard(k), "{k}");
            walks.insert(k.to_string());
        });
        for k in &walks {
            for v in [
                &k[1..],
                &k[..k.len() - 1],
                &format!("{k}q"),
                &format!("1{k}"),
            ] {
                assert_eq!(is_keyboard(v), walks.contains(v), "{v}");
            }
        }
    }

    #[test]
    fn numbers_of_up_to_four_digits_agree() {
        let mut combos = std::collections::HashSet::new();
        for_each_combo(|c| {
            combos.insert(c.to_string());
        });
        let mut numbers = std::collections::HashSet::new();
        for_each_number(|c| {
            numbers.insert(c.to_string());
        });
        for len in 1..=4u32 {
            for n in 0..10u32.pow(len) {
                let s = format!("{n:0width$}", width = len as usize);
                assert_eq!(is_combo(&s), combos.contains(&s), "{s}");
                assert_eq!(is_number(&s), numbers.contains(&s), "{s}");
            }
        }
    }

    /// The generator and the recogniser agree: every member is refused, the
    /// set is large, and near misses are refused only when they are members.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn enumeration_agrees_with_recogniser() {
        let mut set = std::collections::HashSet::new();
        for_each_in_set(|p| {
            if !set.contains(p) {
                set.insert(p.to_string());
            }
        });
        let mut all = set.len();
        for_each(|p| all += usize::from(!set.contains(p)));
        assert!(all >= 100_000, "{all}");
        eprintln!("the blocklist holds {all} distinct passwords");
        assert_eq!(all, set.len() + LITERALS.len());
        for l in LITERALS {
            assert!(is_common(l) && is_common(&l.to_uppercase()), "{l}");
        }
        for (i, p) in set.iter().enumerate() {
            assert!(in_set(p), "{p}");
            if i % 31 == 0 {
                // As people type it: capitalised, with a symbol.
                let mut typed = p.to_uppercase();
                typed.push('!');
                assert!(is_common(&typed), "{typed}");
            }
            if i % 37 == 0 {
                let variants = [
                    format!("{p}x"),
                    format!("{p}7"),
                    format!("q{p}"),
                    format!("9{p}"),
                    p[1..].to_string(),
                    p[..p.len() - 1].to_string(),
                    format!("{}z{}", &p[..p.len() / 2], &p[p.len() / 2..]),
                    format!("{}5{}", &p[..p.len() / 2], &p[p.len() / 2..]),
                ];
                for v in variants {
                    assert_eq!(in_set(&v), set.contains(&v), "{v}");
                }
            }
        }
        // Exhaustive for digit strings of up to 6 and letter strings of up to
        // 3 characters.
        for len in 1..=6u32 {
            for n in 0..10u32.pow(len) {
                let s = format!("{n:0width$}", width = len as usize);
                assert_eq!(in_set(&s), set.contains(&s), "{s}");
            }
        }
        let letters: Vec<char> = ('a'..='z').collect();
        for a in &letters {
            for b in &letters {
                for c in &letters {
                    for s in [format!("{a}"), format!("{a}{b}"), format!("{a}{b}{c}")] {
                        assert_eq!(in_set(&s), set.contains(&s), "{s}");
                    }
                }
            }
        }
    }
}

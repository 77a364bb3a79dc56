//! Every user-facing text of the portal, in zh-CN and English.
//!
//! Each text is a constant holding both languages, so a missing translation or
//! a misspelt key is a compile error.

use leptos::prelude::*;
pub use rules::Lang;

use crate::storage;

/// One text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in the given language.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

macro_rules! texts {
    ($($name:ident = $zh:literal / $en:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: Text = Text { zh: $zh, en: $en };)*
    };
}

texts! {
    APP_NAME = "医护电子证照自助服务" / "Practitioner e-license self-service";
    SKIP_TO_MAIN = "跳到主要内容" / "Skip to main content";
    LANGUAGE_SWITCH = "English" / "中文";
    LANGUAGE_SWITCH_LABEL = "Switch to English" / "切换到中文";
    SIGN_IN = "登录" / "Sign in";
    SIGN_OUT = "退出登录" / "Sign out";
    SYSTEM = "选择系统" / "System";
    USERNAME = "用户名" / "Username";
    PASSWORD = "密码" / "Password";
    SIGNING_IN = "正在登录…" / "Signing in…";
    LOADING = "正在加载…" / "Loading…";
    RETRY = "重试" / "Try again";
    HOME_GREETING = "您好，" / "Hello, ";
    CHECKLIST = "电子证照申领条件" / "E-license checklist";
    CHECKLIST_ELIGIBLE = "您已满足全部申领条件，可以申领电子证照。" / "You meet every criterion and can apply for your e-license.";
    CHECKLIST_NOT_ELIGIBLE = "以下条件尚未满足，请按提示处理：" / "Some criteria are not met yet. Fix them as shown:";
    PASSED = "已满足" / "Met";
    FAILED = "未满足" / "Not met";
    FIX_ACTIVATE = "去激活账户" / "Activate account";
    FIX_PROFILE = "核对个人信息" / "Check profile";
    FIX_PHOTO = "上传证件照" / "Upload ID photo";
    FIX_INSTITUTION = "联系主要执业机构" / "Contact your institution";
    FIX_LICENCE = "机构执业许可证" / "Institution licence";
    PROFILE = "个人信息" / "Profile";
    NAME = "姓名" / "Name";
    ID_NUMBER = "身份证号" / "ID number";
    CERTIFICATE_NUMBER = "执业证书编码" / "Practice certificate no.";
    INSTITUTION = "主要执业机构" / "Main institution";
    TITLE = "职称" / "Title";
    KIND = "类别" / "Kind";
    NONE = "无" / "None";
    NETWORK_ERROR = "网络连接失败，请检查网络后重试。" / "Could not reach the server. Check your connection and try again.";
    SERVER_ERROR = "服务器暂时无法处理请求，请稍后重试。" / "The server could not handle the request. Please try again later.";
    SESSION_EXPIRED = "登录已过期，请重新登录。" / "Your session has expired. Please sign in again.";
    REQUIRED_USERNAME = "请输入用户名。" / "Enter your username.";
    REQUIRED_PASSWORD = "请输入密码。" / "Enter your password.";
    HELP = "帮助" / "Help";
    FORGOT_PASSWORD = "忘记密码或用户名？" / "Forgot your password or username?";
    HELP_HEADING = "帮助与技术支持" / "Help and technical support";
    HELP_HOTLINE = "技术支持热线" / "Technical support hotline";
    HELP_WECHAT = "微信公众号：民科微服务" / "WeChat official account: 民科微服务 (Minke Micro Service)";
    HELP_PASSWORD_HEADING = "找回密码" / "Recovering your password";
    HELP_PASSWORD_INTRO = "请按以下顺序尝试，前一种方式不可用时再用下一种：" / "Try these in order; move on only when the previous one is not possible:";
    HELP_PATH_1 = "通过已验证的手机号或电子邮箱接收验证码，重设密码。" / "Receive a code on your verified phone or email and set a new password.";
    HELP_PATH_2 = "填写姓名、身份证号和证书编码等个人信息，找回用户名并设置新密码。" / "Enter your name, ID number and certificate number to find your username and set a new password.";
    HELP_PATH_3 = "回答注册时设置的密码保护问题。" / "Answer the security questions you set at registration.";
    HELP_PATH_4 = "以上均不可用时，请主要执业机构删除您的账户，然后重新注册并激活。" / "If none of these works, ask your main institution to delete your account, then register again and activate it.";
    HELP_ACTIVATE_HEADING = "激活账户" / "Activating your account";
    HELP_ACTIVATE_TEXT = "注册后，系统会向您的手机发送验证码，输入验证码即可激活账户。未收到验证码时，请确认手机号正确并稍后重新获取。" / "After registering you receive a code on your phone; enter it to activate the account. If no code arrives, check the number and request a new code later.";
    HELP_PHOTO_HEADING = "证件照" / "ID photo";
    HELP_PHOTO_TEXT = "请上传近期正面免冠、浅色纯色背景的证件照。主要执业机构审核通过后即可申领。" / "Upload a recent front-facing photo without headwear on a light plain background. Once your main institution approves it you can apply.";
    HELP_INSTITUTION_HEADING = "需要主要执业机构处理的事项" / "What your main institution handles";
    HELP_INSTITUTION_TEXT = "执业状态（备案、注销、暂停）、执业注册有效期和延续注册、账户删除均由主要执业机构在机构端办理。请携带身份证件联系本机构的电子化注册管理员。" / "Practice status (filed, cancelled, suspended), the registration period and its renewal, and account deletion are handled by your main institution. Contact its e-registration administrator with your ID.";
    NOT_FOUND = "页面不存在。" / "Page not found.";
    BACK_HOME = "返回首页" / "Back to home";
}

/// The language chosen by the user, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

const STORAGE_KEY: &str = "portal.lang";

impl Locale {
    /// The saved choice, else the browser's language (zh-CN by default).
    pub fn detect() -> Lang {
        if let Some(saved) = storage::get(STORAGE_KEY) {
            return Lang::from_tag(&saved);
        }
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }

    /// Switches language, remembers it, and updates `<html lang>` for screen
    /// readers.
    pub fn set(self, lang: Lang) {
        self.0.set(lang);
        storage::set(STORAGE_KEY, lang.tag());
        apply_document_lang(lang);
    }
}

/// Sets `<html lang>` to the language's tag.
pub fn apply_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

/// The current language (reactive).
pub fn use_lang() -> Signal<Lang> {
    let Locale(lang) = expect_context::<Locale>();
    lang.into()
}

/// A reactive text in the current language.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

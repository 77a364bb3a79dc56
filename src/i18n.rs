//! Every user-facing text of the portal, in zh-CN and English.
//!
//! Each text is a constant holding both languages, so a missing translation or
//! a misspelt key is a compile error.

use leptos::prelude::*;
use rules::photo_spec::SPEC;
pub use rules::Lang;

use crate::storage;

/// One text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    QUESTIONS_SET = "已设置密码保护问题。忘记密码时可用它们找回（方式三）。可在下方更换。" / "Your security questions are set: they let you recover a forgotten password (way 3). You can change them below.";
    QUESTIONS_MISSING = "尚未设置密码保护问题：忘记密码且手机、邮箱不可用时，将无法用方式三找回。" / "No security questions yet: if you forget your password and cannot use your phone or email, way 3 will not work.";
    SAVE_QUESTIONS = "保存密码保护问题" / "Save security questions";
    QUESTIONS_SAVED = "密码保护问题已保存。" / "Your security questions are saved.";
    SET_QUESTIONS = "设置密码保护问题" / "Set security questions";
    FIX_PHOTO_REPLACE = "更换证件照" / "Replace the photo";
    SUBMITTED_ON = "提交于 " / "submitted on ";
    PHOTO_SUBMITTED = "提交于 " / "Submitted on ";
    PHOTO_REPLACE_NOTE = "照片正在等待机构审核，无需重新上传。如确需更换，新照片将取代正在审核的照片并重新排队审核。" / "Your photo is waiting for your institution's review: there is nothing to upload again. If you replace it, the new photo takes its place and the review starts again.";
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
    FORM_HAS_ERRORS = "请按提示修改标出的项目。" / "Please correct the marked fields.";
    ANSWER_1 = "问题 1 的答案" / "Answer to question 1";
    ANSWER_2 = "问题 2 的答案" / "Answer to question 2";
    ANSWER_3 = "问题 3 的答案" / "Answer to question 3";
    REGISTER = "注册账户" / "Register";
    REGISTER_INTRO = "注册时需填写与注册系统一致的身份证号和执业证书编码，激活码将发送到您的手机。" / "Use the ID number and practice certificate number on record; the activation code is sent to your phone.";
    NO_ACCOUNT = "还没有账户？注册" / "No account yet? Register";
    PHONE = "手机号" / "Mobile number";
    PHONE_OR_EMAIL = "已验证的手机号或电子邮箱" / "Verified mobile number or email";
    NEW_PASSWORD = "新密码" / "New password";
    PASSWORD_RULES = "密码要求" / "Password requirements";
    PW_LENGTH = "8 至 128 个字符" / "8 to 128 characters";
    PW_CLASSES = "至少包含大写字母、小写字母、数字、符号中的三类" / "At least three of: upper case, lower case, digits, symbols";
    PW_COMMON = "不是常见密码" / "Not a common password";
    PW_USERNAME = "不包含用户名" / "Does not contain the username";
    PW_ID = "不包含身份证号" / "Does not contain the ID number";
    SECURITY_QUESTIONS = "密码保护问题" / "Security questions";
    SECURITY_QUESTIONS_HINT = "找回密码时需要回答，请选择三个不同的问题并牢记答案。" / "You answer these to recover your password. Choose three different questions and remember the answers.";
    QUESTION_N = "问题" / "Question";
    ANSWER_N = "答案" / "Answer";
    SUBMIT_REGISTER = "注册并发送激活码" / "Register and send activation code";
    SUBMITTING = "正在提交…" / "Submitting…";
    ACTIVATE = "激活账户" / "Activate account";
    ACTIVATE_INTRO = "请输入发送到您手机的 6 位验证码。" / "Enter the 6-digit code sent to your phone.";
    ACTIVATE_FIRST = "您的账户尚未激活，激活后才能登录：请输入注册时填写的手机号，点击“发送验证码”，再输入收到的 6 位验证码。" / "Your account is not activated yet, and it must be before you can sign in: enter the phone number you registered with, choose “Send code”, then enter the 6-digit code you receive.";
    CODE = "验证码" / "Code";
    SEND_CODE = "发送验证码" / "Send code";
    RESEND_CODE = "重新发送验证码" / "Send the code again";
    CODE_SENT_TO = "验证码已发送至" / "Code sent to";
    ACTIVATED = "账户已激活，请登录。" / "Your account is activated. Please sign in.";
    GO_SIGN_IN = "去登录" / "Go to sign-in";
    RECOVER = "找回密码" / "Recover your password";
    RECOVER_INTRO = "请按顺序选择可用的方式：" / "Pick the first way that works for you:";
    PATH_1_TITLE = "方式一：手机或邮箱验证码" / "Way 1: a code to your phone or email";
    PATH_1_WHEN = "适用于：注册时验证过的手机号或邮箱仍在使用。" / "Use when: the phone or email you verified is still yours.";
    PATH_2_TITLE = "方式二：个人信息" / "Way 2: personal information";
    PATH_2_WHEN = "适用于：手机号和邮箱都还没有通过验证（例如注册后未激活）。" / "Use when: neither your phone nor your email has been verified (for example, the account was never activated).";
    USE_WAY_1 = "改用方式一：接收验证码" / "Use way 1: get a code";
    NO_CODE_HINT = "几分钟内没有收到验证码？该手机号或邮箱可能未在账户上验证过，请改用个人信息找回。" / "No code within a few minutes? That phone or email may not be verified on the account: use your personal information instead.";
    USE_WAY_2 = "改用方式二：个人信息" / "Use way 2: personal information";
    RECOVERY_PROOF_GONE = "这次验证已失效或已使用，请重新验证。" / "This verification has expired or was already used. Please verify again.";
    PATH_3_TITLE = "方式三：密码保护问题" / "Way 3: security questions";
    PATH_3_WHEN = "适用于：记得用户名和设置过的密码保护问题答案（注册时或在个人信息中设置）。" / "Use when: you know your username and the answers to the security questions you set (at registration or in your profile).";
    PATH_4_TITLE = "方式四：由主要执业机构删除账户后重新注册" / "Way 4: your institution deletes the account, you register again";
    PATH_4_WHEN = "适用于：以上方式都无法使用。" / "Use when: none of the above works.";
    PATH_4_STEPS = "请联系主要执业机构的电子化注册管理员，说明无法找回账户，请其在机构端删除您的账户。删除后，您可以用身份证号和执业证书编码重新注册并激活。" / "Ask the e-registration administrator of your main institution to delete your account in the institution portal. Then register again with your ID number and practice certificate number, and activate the account.";
    CHOOSE_OTHER_WAY = "选择其他方式" / "Choose another way";
    CONTINUE = "下一步" / "Continue";
    ANSWER_QUESTIONS = "回答问题" / "Answer the questions";
    FOUND_USERNAME = "已找到您的账户，用户名：" / "We found your account. Username: ";
    SET_PASSWORD = "设置新密码" / "Set the new password";
    PASSWORD_RESET_DONE = "密码已重设，所有设备上的登录均已退出。请用新密码登录。" / "Your password has been reset and every session was signed out. Sign in with the new password.";
    PROGRESS = "申领进度" / "Your progress";
    STEP_SIGN_IN = "登录" / "Sign in";
    STEP_PROFILE = "核对信息" / "Profile";
    STEP_PHOTO = "证件照" / "ID photo";
    STEP_CHECKLIST = "申领条件" / "Checklist";
    STEP_APPLY = "提交申领" / "Apply";
    STEP_LICENSE = "电子证照" / "E-license";
    STEP_DONE = "已完成" / "done";
    STEP_CURRENT = "当前步骤" / "current step";
    STEP_TODO = "未开始" / "to do";
    NEXT_FIX = "下一步：请先处理下方未满足的条件。" / "Next: fix the criteria that are not met below.";
    NEXT_APPLY = "下一步：提交电子证照申领。" / "Next: apply for your e-license.";
    NEXT_DONE = "您已提交申领，可以查看电子证照。" / "You have applied. Your e-license is ready to view.";
    APPLY = "申领电子证照" / "Apply for the e-license";
    APPLYING = "正在提交申领…" / "Submitting your application…";
    APPLY_DISABLED_HINT = "满足全部条件后才能申领。" / "You can apply once every criterion is met.";
    SERVER_CHECKLIST = "服务器核验结果" / "The server's check";
    VIEW_LICENSE = "查看电子证照" / "View e-license";
    LICENSE = "电子证照" / "E-license";
    LICENSE_NONE = "您还没有申领电子证照。" / "You have not applied for an e-license yet.";
    LICENSE_SUBMITTED = "申领已提交" / "Application submitted";
    SUBMITTED_AT = "提交时间" / "Submitted";
    APPLICATION_NO = "申领编号" / "Application no.";
    DEADLINE = "申领截止" / "Deadline";
    DEADLINE_LEFT = "距离电子证照申领截止还有" / "Days left to claim your e-license:";
    DEADLINE_DAYS = "天" / "days";
    DEADLINE_PASSED = "电子证照集中申领期已于以下日期结束：" / "The claiming period ended on";
    INSTITUTION_ACCOUNTS_BY = "机构管理员账户开通截止：" / "Institution administrator accounts due by ";
    REGISTRATION_EXPIRES = "执业注册有效期至" / "Registration valid until";
    REGISTRATION_EXPIRED_ON = "执业注册已于以下日期到期：" / "Registration expired on";
    RENEWAL_HINT = "您的执业注册将在 30 天内到期，请尽快通过主要执业机构办理延续注册。" / "Your registration expires within 30 days. Renew it through your main institution soon.";
    ADMIN_SIGN_IN = "机构管理员登录" / "Institution administrator sign-in";
    ADMIN_ENTRY = "机构管理员入口" / "Institution administrators";
    PRACTITIONER_ENTRY = "医师、护士登录入口" / "Physician and nurse sign-in";
    INSTITUTION_SECTION = "机构端" / "Institution";
    DASHBOARD = "申领概况" / "Overview";
    REMINDERS = "提醒" / "Reminders";
    REMINDERS_INTRO_REGION = "向辖区各医疗机构尚未申领的人员发送短信或邮件提醒，写明截止日期和本人需要办理的事项；每人每天最多一条（含机构发送的提醒）。" / "Send an SMS or email reminder to the staff of the region's institutions who have not applied, with the deadline and the one thing each must do; at most one a day per person, counting the institutions' own.";
    REMINDERS_INTRO = "向尚未申领的人员发送短信或邮件提醒，写明截止日期和本人需要办理的事项；每人每天最多一条。" / "Send an SMS or email reminder to the staff who have not applied, with the deadline and the one thing each must do; at most one a day per person.";
    REMIND_NOT_APPLIED = "提醒全部尚未申领的人员" / "Remind everyone who has not applied";
    REMIND_PHOTO = "提醒缺少证件照（或未通过审核）的人员" / "Remind staff without an (approved) ID photo";
    REMIND_ACTIVATION = "提醒账户未激活的人员" / "Remind staff whose account is not activated";
    REMIND_REGISTRATION = "提醒执业注册不在有效期内的人员" / "Remind staff whose practice registration is not valid";
    REMINDERS_SENT = "已发送提醒：" / "Reminders sent: ";
    REMINDERS_ALREADY_TODAY = "；今天已提醒过：" / "; already reminded today: ";
    REMINDERS_WITHOUT_CONTACT = "；无联系方式：" / "; without a phone or email: ";
    REMINDER_FIGURES = "提醒情况（近 90 天）" / "Reminders (last 90 days)";
    REMINDED = "已提醒人数" / "People reminded";
    REMINDER_DELIVERED = "已送达" / "Delivered";
    REMINDED_THEN_APPLIED = "提醒后已申领" / "Applied after the reminder";
    STAFF = "人员名册" / "Staff";
    STATUS = "执业状态" / "Practice status";
    ALL = "全部" / "All";
    NOT_APPLIED_ONLY = "只看未申领" / "Only those who have not applied";
    STAFF_SEARCH = "搜索姓名或用户名" / "Search by name or username";
    UNMET_CRITERION = "未满足的条件" / "Criterion not met";
    UNMET_CRITERIA = "尚未满足的条件" / "Criteria not met yet";
    REGISTRATION_CHANGE_ONLY = "只看需变更注册的人员" / "Only those who need a registration change";
    REGISTRATION_CHANGE_NEEDED = "需办理变更注册" / "Registration change needed";
    COLON = "：" / ": ";
    PREVIOUS_PHOTO = "原证件照（已通过）" / "Current photo (approved)";
    NEW_PHOTO = "新上传的证件照" / "New photo";
    NO_STAFF = "没有符合条件的人员。" / "No staff match these filters.";
    STAFF_MATCHING = "符合条件的人员：" / "Staff matching: ";
    PAGES = "分页" / "Pages";
    PAGE = "页码" / "Page";
    PREVIOUS_PAGE = "上一页" / "Previous page";
    NEXT_PAGE = "下一页" / "Next page";
    EXPORT_ROSTER = "导出花名册（Excel CSV）" / "Export the roster (Excel CSV)";
    SELECT_PHOTO = "选择" / "Select";
    SELECT_PAGE = "全选本页" / "Select this page";
    SELECTED_COUNT = "已选择：" / "Selected: ";
    APPROVE_SELECTED = "通过所选" / "Approve selected";
    REJECT_SELECTED = "不通过所选" / "Reject selected";
    TITLE_CHANGES_WAITING = "本页职称变更：" / "Title changes on this page: ";
    SELECT_TITLE = "选择职称变更" / "Select the title change of";
    SELECT_PAGE_TITLES = "全选本页职称变更" / "Select this page's title changes";
    APPROVE_SELECTED_TITLES = "通过所选职称变更" / "Approve selected title changes";
    REJECT_SELECTED_TITLES = "不通过所选职称变更" / "Reject selected title changes";
    TITLE_REJECT_REASON = "职称变更不通过的原因（本人可见）" / "Why the title changes are refused (the person sees it)";
    COMMON_REASON = "常见原因" / "Common reason";
    OTHER_REASON = "其他原因（请在下方填写）" / "Other (type it below)";
    BULK_DONE = "已处理：" / "Decided: ";
    BULK_SKIPPED = "，已被他人处理或撤回：" / "; already decided or withdrawn: ";
    ONE_BY_ONE = "逐张审核（手机）" / "One by one (phone)";
    LIST_VIEW = "列表批量审核" / "List, in bulk";
    KEYBOARD_HINT = "键盘：A 通过，R 不通过，N 下一张" / "Keyboard: A approve, R reject, N next";
    NEXT_ITEM = "下一张" / "Next";
    WAITING_PHOTOS = "待审核证件照：" / "Photos waiting: ";
    APPLICATION_RATE = "申领率" / "Application rate";
    STAFF_TOTAL = "人员总数" / "Staff";
    PHYSICIANS = "医师" / "Physicians";
    NURSES = "护士" / "Nurses";
    ELIGIBLE = "符合条件" / "Eligible";
    APPLIED = "已申领" / "Applied";
    NOT_APPLIED = "未申领" / "Not applied";
    BLOCKED = "未满足条件" / "Blocked";
    STILL_LACKING = "待跟进人员" / "Who still needs help";
    LACKS_PHOTO = "尚未上传证件照" / "No ID photo yet";
    LACKS_ACTIVATION = "账户尚未激活" / "Account not activated";
    SEE_ALL_OF = "查看全部" / "See all";
    INSTITUTION_LICENCE_PENDING = "机构电子证照尚未签发。再次提交申领即可签发；如仍未签发，请联系卫生健康主管部门。" / "The institution's e-license has not been issued yet. Submit the application again to have it issued; if it still is not, contact the health authority.";
    INSTITUTION_NAME = "机构名称" / "Institution name";
    VERIFY_INSTITUTION = "持证机构信息（来自已签名的证照数据）" / "Institution (from the signed license data)";
    VERIFY_INSTITUTION_KIND = "医疗机构电子证照" / "Medical institution e-license";
    EL_KIND = "证照类型" / "License type";
    APPLICATION_NUMBER = "申领编号：" / "Application number: ";
    DELETED_ONLY = "只看已删除的账户" / "Deleted accounts only";
    DELETED_ACCOUNTS_TOTAL = "账户已删除、尚未重新注册：" / "Account deleted, not registered again: ";
    ACCOUNT_DELETED_ON = "账户已删除" / "Account deleted";
    NEXT_STEP_REREGISTER = "下一步：请本人用身份证号和执业证书编码重新注册并激活账户。" / "Next: the person registers again with their ID number and practice certificate number, then activates the account.";
    NO_DELETED_ACCOUNTS = "没有已删除、尚未重新注册的账户。" / "No deleted accounts waiting for a new registration.";
    NOBODY_LACKING = "所有人员都已激活账户并上传证件照。" / "Everyone has an activated account and an ID photo.";
    NO_ACCOUNT_YET = "尚未注册" / "Not registered yet";
    ACTIVATED_SHORT = "已激活" / "activated";
    NOT_ACTIVATED_SHORT = "未激活" / "not activated";
    NO_PHOTO_SHORT = "无证件照" / "no photo";
    PHOTO_APPROVED_SHORT = "证件照已通过" / "photo approved";
    PHOTO_REJECTED_SHORT = "证件照未通过" / "photo rejected";
    PHOTO_PENDING_SHORT = "证件照待审核" / "photo pending";
    DELETE_ACCOUNT = "删除账户" / "Delete account";
    CONFIRM_DELETE = "删除后此人需重新注册并激活。确认删除以下人员的账户：" / "After deletion the person must register and activate again. Delete the account of ";
    CONFIRM_DELETE_BUTTON = "确认删除" / "Yes, delete";
    CANCEL = "取消" / "Cancel";
    ACCOUNT_DELETED = "已删除账户：" / "Account deleted: ";
    EMAIL = "电子邮箱" / "Email";
    NOT_ON_FILE = "未填写" / "not on file";
    PROFILE_FROM_REGISTRY = "姓名、身份证号、执业证书编码、主要执业机构和类别来自您的执业注册，不能在此修改。如有错误或已变化，请通过主要执业机构办理变更注册。职称和联系方式可在下方修改。" / "Your name, ID number, certificate number, main institution and kind come from your practice registration and cannot be changed here. If any of them is wrong or out of date, apply for a registration change through your main institution. Your title and contact details can be changed below.";
    CONTACT_VERIFIED = "已验证" / "verified";
    CONTACT_NOT_VERIFIED = "未验证" / "not verified";
    TITLE_CHANGE = "变更职称" / "Change your title";
    TITLE_CHANGE_HINT = "职称变更提交后由主要执业机构审核，审核通过后生效。" / "A title change takes effect once your main institution approves it.";
    NEW_TITLE = "新职称" / "New title";
    SUBMIT_FOR_REVIEW = "提交审核" / "Submit for review";
    TITLE_PENDING = "职称变更审核中：" / "Title change waiting for review: ";
    TITLE_APPROVED = "职称变更已通过：" / "Title change approved: ";
    TITLE_REJECTED = "职称变更未通过：" / "Title change rejected: ";
    REASON = "原因：" / "Reason: ";
    CONTACT_CHANGE = "更换手机号或邮箱" / "Change phone or email";
    CONTACT_CHANGE_HINT = "为保护账户安全，请先输入当前密码；验证码将发送到新的手机号或邮箱，原联系方式会收到变更通知。" / "To protect your account, enter your current password first. A code goes to the new phone or email, and the old contact is told about the change.";
    NEW_CONTACT = "新的手机号或电子邮箱" / "New mobile number or email";
    CURRENT_PASSWORD = "当前密码" / "Current password";
    CONFIRM_CONTACT = "确认更换" / "Confirm the change";
    CONTACT_CHANGED = "联系方式已更换并验证。" / "Your contact was changed and verified.";
    REVIEWS = "审核" / "Reviews";
    REVIEW_QUEUE = "待审核事项" / "Review queue";
    REVIEW_EMPTY = "目前没有待审核的事项。" / "Nothing is waiting for review.";
    REVIEW_PHOTO = "证件照" / "ID photo";
    REVIEW_TITLE = "职称变更" / "Title change";
    BEFORE = "变更前" / "Before";
    AFTER = "变更后" / "After";
    APPROVE = "通过" / "Approve";
    REJECT = "不通过" / "Reject";
    REJECT_REASON = "不通过的原因（本人可见）" / "Reason for rejecting (the practitioner sees it)";
    REJECT_REASON_REQUIRED = "请填写不通过的原因。" / "Enter the reason for rejecting.";
    DECIDED = "已处理：" / "Done: ";
    ZOMBIES = "僵尸户清理" / "Zombie accounts";
    ZOMBIES_HINT = "以下人员由系统根据注册信息提出，请逐一核实后选择原因申请备案或注销，经主管部门确认后生效。" / "Proposed from registry facts. Check each one, then choose the reason to file or cancel; it takes effect once the authority confirms it.";
    ZOMBIES_NONE = "目前没有需要清理的人员。" / "Nobody needs cleaning up now.";
    ZOMBIES_MATCHING = "待核实人员：" / "People to check: ";
    ZOMBIE_REASON_FILTER = "提出原因" / "Proposed reason";
    STATUS_NOW = "当前状态：" / "Status now: ";
    PROPOSED = "建议原因：" / "Proposed: ";
    REASON_LABEL = "原因" / "Reason";
    NOTE = "备注（核实情况、日期）" / "Note (what was checked, dates)";
    OPEN_CASE = "办理" / "Open a case";
    CONFIRM_CASE = "确认办理：" / "Confirm: ";
    CONFIRM_CASE_BUTTON = "确认" / "Confirm";
    CASE_FILED = "已提交，待主管部门确认：" / "Sent for the authority's confirmation: ";
    CASE_STATE = "状态：" / "State: ";
    CASE_RETURN_REASON = "退回原因：" / "Reason for returning: ";
    CASES = "已办理记录" / "Cases";
    CASES_NONE = "还没有办理记录。" / "No cases yet.";
    EXPORT_CSV = "导出 CSV" / "Export CSV";
    INSTITUTION_LICENCE = "机构电子证照" / "Institution e-license";
    CREDIT_CODE = "统一社会信用代码" / "Unified social credit code";
    LICENCE_NUMBER = "执业许可证登记号" / "Practice licence no.";
    VALID_UNTIL = "有效期至" / "Valid until";
    BLOCKED_BY = "未满足的条件" / "Blocked by";
    REGISTERED = "已注册" / "Registered";
    HELP = "帮助" / "Help";
    FORGOT_PASSWORD = "忘记密码或用户名？" / "Forgot your password or username?";
    HELP_HEADING = "帮助与技术支持" / "Help and technical support";
    HELP_HOTLINE = "技术支持热线" / "Technical support hotline";
    HELP_WECHAT = "微信公众号：民科微服务" / "WeChat official account: 民科微服务 (Minke Micro Service)";
    HELP_PASSWORD_HEADING = "找回密码" / "Recovering your password";
    HELP_PASSWORD_INTRO = "请按以下顺序尝试，前一种方式不可用时再用下一种：" / "Try these in order; move on only when the previous one is not possible:";
    HELP_PATH_1 = "通过已验证的手机号或电子邮箱接收验证码，重设密码。" / "Receive a code on your verified phone or email and set a new password.";
    HELP_PATH_2 = "填写姓名、身份证号和证书编码等个人信息，找回用户名并设置新密码。" / "Enter your name, ID number and certificate number to find your username and set a new password.";
    HELP_PATH_3 = "回答您设置的密码保护问题（注册时或在个人信息中设置）。" / "Answer the security questions you set at registration or in your profile.";
    HELP_PATH_4 = "以上均不可用时，请主要执业机构删除您的账户，然后重新注册并激活。" / "If none of these works, ask your main institution to delete your account, then register again and activate it.";
    HELP_ACTIVATE_HEADING = "激活账户" / "Activating your account";
    HELP_ACTIVATE_TEXT = "注册后，系统会向您的手机发送验证码，输入验证码即可激活账户。未收到验证码时，请确认手机号正确并稍后重新获取。" / "After registering you receive a code on your phone; enter it to activate the account. If no code arrives, check the number and request a new code later.";
    HELP_PHOTO_HEADING = "证件照" / "ID photo";
    HELP_PHOTO_TEXT = "请上传近期正面免冠、浅色纯色背景的证件照。主要执业机构审核通过后即可申领。" / "Upload a recent front-facing photo without headwear on a light plain background. Once your main institution approves it you can apply.";
    HELP_INSTITUTION_HEADING = "需要主要执业机构处理的事项" / "What your main institution handles";
    HELP_INSTITUTION_TEXT = "执业状态（备案、注销、暂停）、执业注册有效期和延续注册、账户删除均由主要执业机构在机构端办理。请携带身份证件联系本机构的电子化注册管理员。" / "Practice status (filed, cancelled, suspended), the registration period and its renewal, and account deletion are handled by your main institution. Contact its e-registration administrator with your ID.";
    // E-license document and its public verification (pages/license.rs, pages/verify.rs).
    EL_IDENTIFIER = "证照标识" / "License identifier";
    EL_GENDER = "性别" / "Gender";
    EL_BIRTH = "出生日期" / "Date of birth";
    EL_SCOPE = "执业范围" / "Practice scope";
    EL_LOCATION = "执业地点" / "Practice location";
    EL_AUTHORITY = "发证机关" / "Issuing authority";
    EL_ISSUED = "发证日期" / "Issue date";
    EL_VALID_UNTIL = "有效期至" / "Valid until";
    EL_NO_END = "长期" / "No fixed end";
    EL_STATUS = "证照状态" / "License status";
    EL_PHOTO = "持证人证件照" / "The holder's ID photo";
    EL_DETAILS = "证照详细信息" / "License details";
    EL_KEY = "签名密钥" / "Signing key";
    EL_QR_LABEL = "电子证照核验二维码" / "E-license verification QR code";
    EL_QR_HINT = "扫描二维码或打开核验链接，即可核验本证照的电子签名，无需登录，断网时也能核验签名。" / "Scan the QR code or open the verification link to check this license's signature: no sign-in needed, and the signature can be checked even offline.";
    EL_VERIFY_LINK = "核验链接" / "Verification link";
    EL_QR_SHOW = "全屏亮证" / "Show full screen";
    EL_QR_LEAVE = "退出全屏" / "Leave";
    EL_PRINT = "打印电子证照" / "Print the e-license";
    EL_NOT_ISSUED = "电子证照尚未签发，请稍后刷新页面。" / "Your e-license has not been issued yet. Refresh the page later.";
    VERIFY_HEADING = "电子证照核验" / "E-license verification";
    VERIFY_CHECKING = "正在核验…" / "Checking…";
    VERIFY_VALID = "有效：电子签名真实，证照当前有效。" / "Valid: the signature is genuine and the license is currently valid.";
    VERIFY_REVOKED = "已撤销：电子签名真实，但证照已被撤销（持证人已注销、备案或暂停执业）。" / "Revoked: the signature is genuine, but the license has been revoked (the holder was deregistered or suspended).";
    VERIFY_EXPIRED = "已过期：电子签名真实，但证照已超过有效期。" / "Expired: the signature is genuine, but the license is past its valid-until date.";
    VERIFY_OFFLINE = "电子签名真实。暂时无法连接核验服务，证照当前状态未知（离线核验）。" / "Genuine signature. The verification service cannot be reached, so the license's current status is unknown (offline check).";
    VERIFY_NOT_ON_RECORD = "电子签名真实，但核验服务中没有此证照的记录。" / "The signature is genuine, but the verification service has no record of this license.";
    VERIFY_FORGED = "伪造或被篡改：电子签名不符，请勿采信此证照。" / "Forged or altered: the signature does not match. Do not rely on this license.";
    VERIFY_NO_KEY = "无法核验：连接不上核验服务，本设备也没有保存签名公钥。请联网后重试。" / "Cannot verify: the verification service cannot be reached and this device has no saved signing key. Connect to the internet and try again.";
    VERIFY_NO_DATA = "此链接不含证照数据。请扫描电子证照上的二维码。" / "This link carries no license. Scan the QR code on an e-license.";
    VERIFY_SIGNATURE = "电子签名" / "Signature";
    VERIFY_SIGNATURE_OK = "真实" / "Genuine";
    VERIFY_OFFLINE_LIMITS = "离线核验能确认：电子签名真实、证照内容未被篡改、是否已过有效期，以及是否在本设备保存的撤销名单中。不能确认：名单更新之后才撤销的证照。请联网后再核验一次。" / "An offline check can tell: the signature is genuine, the content was not altered, whether the license is past its end date, and whether it is on the revocation list kept on this device. It cannot tell a revocation made after that list was updated. Check again once online.";
    VERIFY_REVOCATIONS_AS_OF = "撤销信息更新于 " / "Revocation list updated ";
    VERIFY_NO_REVOCATIONS = "本设备没有保存撤销信息。" / "This device holds no revocation list.";
    VERIFY_STATUS_UNKNOWN = "未知（离线）" / "Unknown (offline)";
    VERIFY_HOLDER = "持证人信息（来自已签名的证照数据）" / "Holder (from the signed license data)";
    PHOTO_HEADING = "上传证件照" / "Upload your ID photo";
    PHOTO_CHOOSE = "选择照片或拍照" / "Choose a photo or take one";
    PHOTO_READING = "正在处理照片…" / "Processing the photo…";
    PHOTO_UNREADABLE = "无法识别该图片：它不是图片，或是此浏览器无法打开的格式（如部分手机默认的 HEIC）。请在相册中将照片分享或导出为 JPG，或直接拍照。" / "This image cannot be read: it is not an image, or its format cannot be opened by this browser (such as HEIC, the default on some phones). Share or export the photo as JPG from your gallery, or take a photo.";
    PHOTO_BROWSER_ERROR = "此浏览器无法处理照片，请更新浏览器后重试。" / "This browser cannot process the photo. Update it and try again.";
    PHOTO_CROP = "裁剪照片" / "Crop the photo";
    PHOTO_FRAME = "裁剪框" / "Crop frame";
    PHOTO_FRAME_HELP = "拖动照片调整位置，双指或“放大”“缩小”按钮调整大小；也可聚焦裁剪框后用方向键移动、用 + 和 - 键缩放。请让头部位于椭圆内。" / "Drag the photo to position it; pinch or use the Zoom buttons to resize. With the crop frame focused, the arrow keys move it and + / - zoom. Keep the head inside the oval.";
    PHOTO_ZOOM_IN = "放大" / "Zoom in";
    PHOTO_ZOOM_OUT = "缩小" / "Zoom out";
    PHOTO_RESULT = "JPG，质量" / "JPG, quality";
    PHOTO_DARK_BACKGROUND = "背景偏暗。建议在浅色纯色背景前重新拍摄，否则可能审核不通过。" / "The background looks dark. A light plain background is recommended; this photo may be rejected.";
    PHOTO_BUSY_BACKGROUND = "背景较杂乱。建议在浅色纯色背景前重新拍摄，否则可能审核不通过。" / "The background looks busy. A light plain background is recommended; this photo may be rejected.";
    PHOTO_UPLOAD = "上传照片" / "Upload the photo";
    PHOTO_UPLOADING = "正在上传…" / "Uploading…";
    PHOTO_UPLOAD_RETRY = "重新上传" / "Upload again";
    PHOTO_PROGRESS = "上传进度" / "Upload progress";
    PHOTO_UPLOADED = "上传成功。" / "Uploaded.";
    PHOTO_STATUS = "审核状态：" / "Review status: ";
    PHOTO_NONE = "尚未上传" / "no photo yet";
    PHOTO_PENDING = "待审核" / "pending review";
    PHOTO_APPROVED = "已通过" / "approved";
    PHOTO_REJECTED = "未通过，原因：" / "rejected, reason: ";
    PHOTO_CURRENT = "已存档的证件照" / "The photo on file";
    PHOTO_REJECTED_KEPT = "未通过的照片已删除，下面是仍在使用的已通过照片。" / "The rejected photo was deleted; the approved photo below stays in use.";
    PHOTO_REJECTED_GONE = "未通过的照片已删除，请重新上传。" / "The rejected photo was deleted; upload a new one.";
    NOT_FOUND = "页面不存在。" / "Page not found.";
    BACK_HOME = "返回首页" / "Back to home";
}

/// An empty password field's message: the rules crate's, which the server
/// answers with too.
pub const REQUIRED_PASSWORD: Text = Text {
    zh: rules::form::PASSWORD_REQUIRED.0,
    en: rules::form::PASSWORD_REQUIRED.1,
};

/// The photo page's introduction, with the stored photo's size from the
/// rules' photo specification.
pub fn photo_intro(lang: Lang) -> String {
    let (w, h) = (SPEC.output_width, SPEC.output_height);
    match lang {
        Lang::Zh => format!("请使用近期正面免冠、浅色纯色背景的照片。任何格式的照片（JPG、PNG、WebP 等）都会在本机裁剪并转换为 {w}×{h} 像素的 JPG 后再上传，原图不会离开您的设备。"),
        Lang::En => format!("Use a recent front-facing photo without headwear on a light plain background. Any format (JPG, PNG, WebP…) is cropped and converted on this device to a {w}×{h}-pixel JPG before upload; the original never leaves your device."),
    }
}

/// A photo that stays over the specification's largest file at the lowest
/// quality.
pub fn photo_too_large(lang: Lang) -> String {
    let kb = SPEC.max_bytes / 1024;
    match lang {
        Lang::Zh => format!("即使以最低画质压缩，照片仍大于 {kb} KB，请换一张照片。"),
        Lang::En => {
            format!("Even at the lowest quality the photo is over {kb} KB. Use another photo.")
        }
    }
}

/// The preview's heading and name: the stored photo at its actual size.
pub fn photo_preview(lang: Lang) -> String {
    let (w, h) = (SPEC.output_width, SPEC.output_height);
    match lang {
        Lang::Zh => format!("证件照预览（实际尺寸 {w}×{h}）"),
        Lang::En => format!("ID photo preview (actual size, {w}×{h})"),
    }
}

/// The label of a resend button while the server still refuses another
/// code: "58 秒后可重新发送" / "Send again in 58 s".
pub fn resend_in(secs: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{secs} 秒后可重新发送"),
        Lang::En => format!("Send again in {secs} s"),
    }
}

/// The label of a submit button while the server refuses further attempts:
/// "28 秒后可再试" / "Try again in 28 s".
pub fn retry_in(secs: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{secs} 秒后可再试"),
        Lang::En => format!("Try again in {secs} s"),
    }
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

/// The texts of the administrator-change procedure.
pub mod administrator_change;
/// The texts of the health authority's app and of the one-time password
/// change.
pub mod authority;
/// The texts of the authority's confirmation of deregistration cases.
pub mod authority_deregistrations;
pub mod campaign;

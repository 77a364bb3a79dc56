//! Texts of the health authority's side (主管部门端) and of the change of a
//! one-time password.

use super::Text;

texts! {
    AUTHORITY_SECTION = "主管部门端" / "Health authority";
    AUTHORITY_SIGN_IN = "主管部门登录" / "Health authority sign-in";
    NATIONAL = "全国" / "National";
    DIVISION = "行政区划代码" / "Division code";
    DIVISION_HINT = "2、4 或 6 位，如 4403 深圳市、440305 南山区" / "2, 4 or 6 digits, e.g. 4403 Shenzhen, 440305 Nanshan";
    CHANGE_PASSWORD = "修改初始密码" / "Replace the initial password";
    CHANGE_PASSWORD_INTRO = "您正在使用主管部门发放的一次性初始密码。请先设置自己的密码，然后才能使用其他功能。" / "You are using a one-time initial password. Set your own password before anything else.";
    CURRENT_PASSWORD = "当前（初始）密码" / "Current (initial) password";
    SAVE_PASSWORD = "保存新密码" / "Save the new password";
    INSTITUTIONS = "辖区医疗机构" / "Institutions of the region";
    NO_INSTITUTIONS = "辖区内还没有登记的医疗机构。" / "No institution of the region is registered yet.";
    NEW_INSTITUTION = "登记医疗机构" / "Register an institution";
    INSTITUTION_NAME = "机构标准名称" / "Standard name";
    CREDIT_CODE = "统一社会信用代码" / "Unified social credit code";
    LICENCE_NUMBER = "执业许可证登记号" / "Practice licence number";
    LICENCE_VALID_UNTIL = "许可证有效期至（YYYY-MM-DD）" / "Licence valid until (YYYY-MM-DD)";
    REGISTER_INSTITUTION = "登记" / "Register";
    INSTITUTION_REGISTERED = "机构已登记，可发放管理员账户并导入人员。" / "Registered: issue its administrator account and import its staff.";
    ADMINS = "管理员账户" / "Administrator accounts";
    NO_ADMIN = "尚未发放管理员账户" / "No administrator account issued";
    ISSUE_ADMIN = "发放管理员账户" / "Issue an administrator account";
    ADMIN_USERNAME = "管理员用户名" / "Administrator username";
    ADMIN_PHONE = "管理员手机号" / "Administrator's mobile number";
    ISSUE = "发放" / "Issue";
    REISSUE = "重新发放密码" / "Re-issue password";
    DISABLE = "停用" / "Disable";
    STATE_ISSUED = "已发放，待首次登录" / "Issued, awaiting first sign-in";
    STATE_ACTIVE = "使用中" / "In use";
    STATE_DISABLED = "已停用" / "Disabled";
    ISSUED_PASSWORD = "一次性初始密码（仅显示一次，已同时发送到管理员手机）：" / "One-time initial password (shown once, also sent to the administrator's phone):";
    DISABLED_DONE = "账户已停用，其登录已全部结束。" / "The account is disabled and its sessions have ended.";
    REQUIRED = "请填写此项。" / "This field is required.";
}

texts! {
    FOLLOW_UP = "辖区申领进度" / "Regional follow-up";
    FOLLOW_UP_HINT = "按最影响截止日期的顺序排列：没有可用管理员账户的机构在前，其次申领率最低的机构。" / "Most endangered first: institutions without an administrator account in use, then the lowest application rate.";
    REGIONS = "下级行政区" / "Regions";
    EXPORT_CSV = "导出 Excel（CSV）" / "Export for Excel (CSV)";
    COL_INSTITUTION = "机构" / "Institution";
    COL_ADMIN = "管理员账户" / "Administrator";
    COL_RATE = "申领率" / "Rate";
    COL_APPLIED = "已申领 / 人员" / "Applied / staff";
    COL_NOT_ACTIVATED = "未激活" / "Not activated";
    COL_LACKING_PHOTO = "缺证件照" / "No photo";
    COL_STATUS = "状态异常" / "Status";
    COL_CHANGES = "待变更注册" / "Reg. changes";
    COL_ZOMBIE_CASES = "待确认注销" / "Zombie cases";
    COL_REGION = "行政区划" / "Division";
    COL_INSTITUTIONS = "机构数" / "Institutions";
    COL_WITHOUT_ADMIN = "无可用管理员" / "No administrator";
}

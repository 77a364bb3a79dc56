//! Texts of the administrator-change procedure (the institution's request
//! and the authority's decision).

use super::Text;

texts! {
    ADMIN_CHANGE = "管理员变更" / "Change of administrator";
    ADMIN_CHANGE_INTRO = "更换机构管理员须提交《电子化注册账户管理人员回执》并加盖单位公章，由主管部门审核。批准后，当前管理员账户停用，新管理员将通过短信收到账户和一次性初始密码。" / "To change the institution's administrator, upload the account administrator receipt stamped with the unit's seal for the health authority to review. Once approved, the current administrator account is disabled and the new administrator receives the account and a one-time password by SMS.";
    NEW_ADMIN_NAME = "新管理员姓名" / "New administrator's name";
    NEW_ADMIN_USERNAME = "新管理员用户名" / "New administrator's username";
    NEW_ADMIN_PHONE = "新管理员手机号" / "New administrator's mobile number";
    NEW_ADMIN_EMAIL = "新管理员邮箱（选填）" / "New administrator's email (optional)";
    RECEIPT = "盖章回执（PDF、JPEG 或 PNG，最大 5 MB）" / "Stamped receipt (PDF, JPEG or PNG, at most 5 MB)";
    RECEIPT_MISSING = "请选择盖章回执文件" / "Choose the stamped receipt file";
    RECEIPT_TOO_BIG = "文件超过 5 MB，请压缩后再上传" / "The file is over 5 MB; compress it first";
    SUBMIT_CHANGE = "提交变更申请" / "Submit the change request";
    STATUS_PENDING = "待主管部门审核" / "Waiting for the health authority";
    STATUS_APPROVED = "已批准，新管理员账户已发放" / "Approved: the new administrator's account is issued";
    STATUS_REJECTED = "已驳回" / "Rejected";
    REASON = "驳回理由" / "Reason for rejection";
    LATEST = "最近一次申请" / "Latest request";
    PENDING_CHANGES = "待审核的管理员变更" / "Administrator changes to review";
    NO_PENDING_CHANGES = "没有待审核的管理员变更申请。" / "No administrator change is waiting.";
    REQUESTED_BY = "申请人（现管理员）" / "Requested by (current administrator)";
    NEW_ADMIN = "新管理员" / "New administrator";
    DOWNLOAD_RECEIPT = "下载盖章回执" / "Download the stamped receipt";
    APPROVE = "批准" / "Approve";
    REJECT = "驳回" / "Reject";
    APPROVED_DONE = "已批准：原管理员账户已停用，新账户已发放" / "Approved: the former administrator account is disabled, the new account issued";
    REJECTED_DONE = "已驳回，机构将看到驳回理由。" / "Rejected; the institution sees the reason.";
}

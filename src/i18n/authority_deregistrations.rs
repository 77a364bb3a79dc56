//! Texts of the authority's confirmation of deregistration cases (注销确认).

use super::Text;

texts! {
    DEREGISTRATIONS = "注销注册确认" / "Deregistration confirmation";
    DEREGISTRATIONS_LINK = "注销注册确认" / "Deregistration confirmation";
    DEREGISTRATIONS_HINT = "辖区医疗机构提出的僵尸户备案、注销申请。代市医师协会、市护理学会核实后确认或退回；确认后登记状态才会变更，其电子证照同时失效。" / "Zombie-account cases filed by the region's institutions. Check each one for the physicians' association or the nursing society, then confirm or return it; the registry changes only on confirmation, and the holder's e-license stops being valid with it.";
    DEREGISTRATIONS_NONE = "目前没有待确认的申请。" / "No case awaits confirmation.";
    FILED_BY = "申请机构：" / "Filed by: ";
    STATUS_CHANGE = "登记状态：" / "Registry status: ";
    FILED_ON = "申请日期：" / "Filed on: ";
    CONFIRM = "确认" / "Confirm";
    CONFIRM_QUESTION = "确认后登记状态将变更为：" / "On confirmation the registry status becomes: ";
    CONFIRM_FINAL = "确认变更" / "Confirm the change";
    CONFIRMED = "已确认：" / "Confirmed: ";
    RETURN_REASON = "退回原因（机构可见）" / "Reason for returning (the institution sees it)";
    RETURN = "退回" / "Return";
    RETURNED = "已退回：" / "Returned: ";
    REASON_REQUIRED = "请填写退回原因。" / "Give the reason for returning it.";
    BACK = "返回主管部门首页" / "Back to the authority's home";
}

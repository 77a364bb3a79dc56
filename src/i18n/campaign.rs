//! Texts of the authority's campaign and reminders.

use super::Text;

texts! {
    CAMPAIGN = "申领工作安排" / "Claiming campaign";
    CAMPAIGN_OWN = "本辖区的安排：" / "Your region's campaign:";
    CAMPAIGN_INHERITED = "本辖区尚未单独设置，执行上级安排：" / "Your region has set none; it follows the enclosing one:";
    CAMPAIGN_WITHIN = "各日期不得晚于上级安排：" / "No date may be later than the enclosing campaign's:";
    REGION_NAME_ZH = "地区名称（中文）" / "Region name (Chinese)";
    REGION_NAME_EN = "地区名称（英文）" / "Region name (English)";
    ACCOUNTS_BY = "机构管理员账户开通截止日期（可不填）" / "Institution accounts due by (optional)";
    LICENCES_BY = "电子证照申领截止日期" / "E-licenses due by";
    CHANGES_BY = "变更注册截止日期（可不填）" / "Registration changes due by (optional)";
    AFTER_DEADLINE = "逾期处理" / "After the deadline";
    SAVE_CAMPAIGN = "保存安排" / "Save the campaign";
    CAMPAIGN_SAVED = "已保存，辖区内的机构和人员将看到新的截止日期。" / "Saved: the region's institutions and staff now see these deadlines.";
    LICENCES_DUE = "电子证照申领截止：" / "E-licenses due by ";
    REGION_REMINDER_FIGURES = "辖区提醒情况（近 90 天）" / "Reminders in the region (90 days)";
}

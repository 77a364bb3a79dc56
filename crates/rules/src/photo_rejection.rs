//! The common reasons an institution rejects an ID photo, so a reviewer
//! deciding hundreds of photos picks one instead of typing it each time.
//! The practitioner reads the reason's text in both languages.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A common reason to reject an ID photo (the photo specification's usual
/// failures).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoRejection {
    /// 背景不是浅色
    BackgroundNotLight,
    /// 照片模糊
    Blurred,
    /// 非近期正面免冠照片
    NotRecentFrontal,
    /// 面部被遮挡（眼镜反光、头发、口罩）
    FaceCovered,
    /// 不是本人
    NotThePerson,
}

crate::wire_codes!(PhotoRejection {
    BackgroundNotLight => "background_not_light",
    Blurred => "blurred",
    NotRecentFrontal => "not_recent_frontal",
    FaceCovered => "face_covered",
    NotThePerson => "not_the_person",
});

impl PhotoRejection {
    /// The reason in one language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PhotoRejection::BackgroundNotLight => (
                "背景不是浅色：请在白色或浅色墙前重新拍摄",
                "The background is not light: take the photo again in front of a white or light wall",
            ),
            PhotoRejection::Blurred => (
                "照片模糊：请在光线充足处重新拍摄",
                "The photo is blurred: take it again in good light",
            ),
            PhotoRejection::NotRecentFrontal => (
                "非近期正面免冠照片：请上传近 6 个月内的正面免冠照片",
                "Not a recent frontal photo without headwear: upload one from the last 6 months",
            ),
            PhotoRejection::FaceCovered => (
                "面部被遮挡：请摘下口罩、帽子，避免眼镜反光和头发遮挡",
                "The face is covered: remove mask and hat, avoid glasses glare and hair over the face",
            ),
            PhotoRejection::NotThePerson => (
                "照片不是本人：请上传本人的证件照",
                "The photo is not of you: upload your own ID photo",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The text stored and shown to the practitioner: Chinese, then English.
    pub fn stored_text(self) -> String {
        format!("{} / {}", self.text(Lang::Zh), self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_spelling() {
        for r in PhotoRejection::ALL {
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::Value::String(r.code().into())
            );
            assert!(r.stored_text().chars().count() <= 500);
        }
    }
}

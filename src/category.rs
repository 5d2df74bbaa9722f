//! The taxonomy. The ids are stable: the policy, the extension, the CLI and the scorer use them.

use serde::{Deserialize, Serialize};

/// A family of information that must not reach a public AI service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Personnummer,
    Name,
    Health,
    Sensitive,
    Contact,
    Financial,
    Identifier,
    Classified,
    Secret,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Personnummer,
        Category::Name,
        Category::Health,
        Category::Sensitive,
        Category::Contact,
        Category::Financial,
        Category::Identifier,
        Category::Classified,
        Category::Secret,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Personnummer => "personnummer",
            Category::Name => "name",
            Category::Health => "health",
            Category::Sensitive => "sensitive",
            Category::Contact => "contact",
            Category::Financial => "financial",
            Category::Identifier => "identifier",
            Category::Classified => "classified",
            Category::Secret => "secret",
        }
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The action when no policy says otherwise (DESIGN §2).
    pub fn default_action(self) -> Action {
        match self {
            Category::Name | Category::Contact | Category::Identifier => Action::Warn,
            _ => Action::Block,
        }
    }

    /// Placeholder label used by redaction, e.g. `[NAMN 1]`.
    pub fn placeholder_label(self) -> &'static str {
        match self {
            Category::Personnummer => "PERSONNUMMER",
            Category::Name => "NAMN",
            Category::Health => "HÄLSA",
            Category::Sensitive => "KÄNSLIGT",
            Category::Contact => "KONTAKT",
            Category::Financial => "KONTO",
            Category::Identifier => "ID",
            Category::Classified => "SEKRETESS",
            Category::Secret => "HEMLIGHET",
        }
    }
}

/// What the extension does when a category is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Block,
    Warn,
    Off,
}

impl Action {
    pub fn from_id(id: &str) -> Option<Action> {
        match id {
            "block" => Some(Action::Block),
            "warn" => Some(Action::Warn),
            "off" => Some(Action::Off),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
        }
        assert_eq!(Category::from_id("bogus"), None);
    }
}

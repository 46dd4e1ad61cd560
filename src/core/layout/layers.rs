//! Layers: which parts of a design a drawing shows. A reader of an architecture document
//! needs the workloads, the operators and the systems around them, not every RoleBinding;
//! the canvas and the export draw what the layers let through. Layers are view state:
//! they are not part of the design file.

use crate::core::model::Kind;

/// One layer a reader can show or hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Service accounts, roles and their bindings.
    Rbac,
    /// Kubernetes and CMF secrets, secret mappings, config maps and volume claims.
    Config,
    /// Operator installs and the CMF service.
    Installs,
    /// Kafka, Schema Registry and object stores.
    External,
    /// The field names written on edges.
    Labels,
}

impl Layer {
    /// Every layer, in the order the layers control lists them.
    pub const ALL: [Layer; 5] =
        [Layer::Rbac, Layer::Config, Layer::Installs, Layer::External, Layer::Labels];

    /// Label in the layers control.
    pub fn label(self) -> &'static str {
        match self {
            Layer::Rbac => "RBAC (service accounts, roles, bindings)",
            Layer::Config => "Secrets, config maps, volumes",
            Layer::Installs => "Operators and CMF",
            Layer::External => "External systems",
            Layer::Labels => "Edge labels",
        }
    }

    /// Stable key (storage, test ids).
    pub fn key(self) -> &'static str {
        match self {
            Layer::Rbac => "rbac",
            Layer::Config => "config",
            Layer::Installs => "installs",
            Layer::External => "external",
            Layer::Labels => "labels",
        }
    }

    /// The layer a kind's nodes belong to (`None`: always shown).
    pub fn of(kind: Kind) -> Option<Layer> {
        match kind {
            Kind::ServiceAccount
            | Kind::Role
            | Kind::ClusterRole
            | Kind::RoleBinding
            | Kind::ClusterRoleBinding => Some(Layer::Rbac),
            Kind::Secret
            | Kind::ConfigMap
            | Kind::PersistentVolumeClaim
            | Kind::CmfSecret
            | Kind::SecretMapping => Some(Layer::Config),
            Kind::FkoInstall | Kind::CfkInstall | Kind::CmfInstall => Some(Layer::Installs),
            Kind::KafkaCluster | Kind::SchemaRegistry | Kind::ObjectStore => Some(Layer::External),
            _ => None,
        }
    }
}

/// The layers shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Layers {
    hidden: [bool; 5],
}

impl Default for Layers {
    fn default() -> Self {
        Self::ALL
    }
}

impl Layers {
    /// Everything shown.
    pub const ALL: Layers = Layers { hidden: [false; 5] };
    /// For documents: no RBAC plumbing and no edge labels.
    pub const DOCUMENTATION: Layers = Layers { hidden: [true, false, false, false, true] };

    fn slot(layer: Layer) -> usize {
        Layer::ALL.iter().position(|l| *l == layer).unwrap_or(0)
    }

    /// True when `layer` is shown.
    pub fn shown(&self, layer: Layer) -> bool {
        !self.hidden[Self::slot(layer)]
    }

    /// These layers with `layer` shown or hidden.
    pub fn with(mut self, layer: Layer, shown: bool) -> Self {
        self.hidden[Self::slot(layer)] = !shown;
        self
    }

    /// True when nodes of `kind` are drawn.
    pub fn shows(&self, kind: Kind) -> bool {
        Layer::of(kind).is_none_or(|l| self.shown(l))
    }

    /// True when edges carry their labels.
    pub fn labels(&self) -> bool {
        self.shown(Layer::Labels)
    }

    /// The hidden layers' keys, comma-separated (how the studio remembers them).
    pub fn to_text(&self) -> String {
        Layer::ALL
            .iter()
            .filter(|l| !self.shown(**l))
            .map(|l| l.key())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Layers from [`Layers::to_text`]; unknown keys are ignored.
    pub fn from_text(text: &str) -> Self {
        let mut out = Self::ALL;
        for key in text.split(',').map(str::trim) {
            if let Some(l) = Layer::ALL.iter().find(|l| l.key() == key) {
                out = out.with(*l, false);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documentation_preset_hides_rbac_and_labels_only() {
        let d = Layers::DOCUMENTATION;
        assert!(!d.shows(Kind::RoleBinding) && !d.shows(Kind::ServiceAccount) && !d.labels());
        assert!(d.shows(Kind::FkoInstall) && d.shows(Kind::Secret) && d.shows(Kind::KafkaCluster));
        assert!(d.shows(Kind::FlinkDeployment) && d.shows(Kind::Namespace));
        assert_eq!(d.to_text(), "rbac,labels");
        assert_eq!(Layers::from_text("rbac, labels,nonsense"), d);
        assert_eq!(Layers::from_text(""), Layers::ALL);
        assert!(!Layers::ALL.with(Layer::External, false).shows(Kind::ObjectStore));
    }
}

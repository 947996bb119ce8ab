#include "evidence/evidence.h"

namespace forcecheck {

EvidenceNode::EvidenceNode() = default;

const EvidenceNode* EvidenceNode::Field(const std::string& name) const {
  for (const auto& [key, node] : fields) {
    if (key == name) return &node;
  }
  return nullptr;
}

const EvidenceNode* Evidence::Find(const std::vector<std::string>& path) const {
  const EvidenceNode* n = &root;
  for (const std::string& seg : path) {
    if (n->kind != EvidenceNode::Kind::kSection) return nullptr;
    n = n->Field(seg);
    if (!n) return nullptr;
  }
  return n;
}

const Register* Evidence::FindRegister(std::string_view id) const {
  for (const Register& r : registers) {
    if (r.spec->id == id) return &r;
  }
  return nullptr;
}

}  // namespace forcecheck

#include "evidence/register.h"

namespace forcecheck {

int RegisterSpec::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace forcecheck

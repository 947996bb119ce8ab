// The CSV reader and the register loader. The first byte picks one of the bundled pack's
// registers; the rest is the register file. The reader is also run on its own over the
// whole input, record by record, as the loader runs it.

#include <cstdint>
#include <string>
#include <vector>

#include "evidence/csv.h"
#include "evidence/register_loader.h"
#include "fuzz_support.h"

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::BundledPack();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  if (size == 0) return 0;
  const std::vector<RegisterSpec>& specs = fuzz::BundledPack().registers;
  const RegisterSpec& spec = specs[data[0] % specs.size()];
  const std::string_view csv = fuzz::AsText(data + 1, size - 1);

  const std::string copy(csv);  // the reader may rewrite a record's bytes once returned
  CsvReader reader(copy);
  std::vector<CsvField> fields;
  while (reader.Next(fields)) {
    for (const CsvField& f : fields) {
      if (f.has_escapes) (void)CsvUnescape(f.raw);
    }
  }
  (void)CountLineFeeds(csv);

  Diagnostics diags;
  (void)LoadRegister(spec, fuzz::WriteScratch("register.csv", csv), diags);
  return 0;
}

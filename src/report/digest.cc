#include "report/digest.h"

#include <nettle/base64.h>
#include <nettle/sha2.h>

namespace forcecheck {

std::array<uint8_t, 32> Sha256(std::string_view data) {
  static_assert(SHA256_DIGEST_SIZE == 32);
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), reinterpret_cast<const uint8_t*>(data.data()));
  std::array<uint8_t, 32> out;
  sha256_digest(&ctx, out.size(), out.data());
  return out;
}

std::string Sha256Hex(std::string_view data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : Sha256(data)) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string Sha256Base64(std::string_view data) {
  const std::array<uint8_t, 32> d = Sha256(data);
  // 32 bytes encode as 44 characters, the last one '=' of padding.
  std::string out(BASE64_ENCODE_RAW_LENGTH(d.size()), '\0');
  base64_encode_raw(out.data(), d.size(), d.data());
  return out;
}

}  // namespace forcecheck

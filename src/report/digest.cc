#include "report/digest.h"

#include <stdexcept>

#include <openssl/evp.h>

namespace forcecheck {

// One-shot EVP digest: OpenSSL chooses the implementation (SHA-NI where the CPU has it).
std::array<uint8_t, 32> Sha256(std::string_view data) {
  std::array<uint8_t, 32> out;
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != out.size()) {
    throw std::runtime_error("libcrypto: SHA-256 failed");
  }
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
  // 32 bytes encode as 44 characters with one '=' of padding, plus the terminator EVP writes.
  char out[45];
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out), d.data(), static_cast<int>(d.size()));
  return std::string(out, static_cast<size_t>(n));
}

}  // namespace forcecheck

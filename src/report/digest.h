#pragma once

// SHA-256 (FIPS 180-4), for the HTML report's Content-Security-Policy script hash and SARIF's
// stable result fingerprints, computed by Nettle (libnettle), which cannot fail.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace forcecheck {

std::array<uint8_t, 32> Sha256(std::string_view data);

// Lower-case hex, 64 characters.
std::string Sha256Hex(std::string_view data);

// Standard base64 with padding, as CSP's 'sha256-...' source expressions need.
std::string Sha256Base64(std::string_view data);

}  // namespace forcecheck

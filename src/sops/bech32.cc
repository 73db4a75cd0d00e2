#include "sops/bech32.h"

#include <cstdint>
#include <vector>

#include "sops/secure_bytes.h"

namespace ferry::sops {
namespace {

// Working buffers hold key material, so they wipe themselves too.
using Values = std::vector<uint8_t, CleansingAllocator<uint8_t>>;
using Text =
    std::basic_string<char, std::char_traits<char>, CleansingAllocator<char>>;

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint32_t Polymod(const Values& values) {
  static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                       0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGen[i];
    }
  }
  return chk;
}

// The hrp expanded for the checksum: high bits, a zero, low bits.
Values HrpExpand(std::string_view hrp) {
  Values out;
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) >> 5);
  out.push_back(0);
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) & 31);
  return out;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c; }

Text LowerCopy(std::string_view s) {
  Text out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Regroups bits from `from`-bit to `to`-bit groups.
bool ConvertBits(const Values& in, int from, int to, bool pad, Values* out) {
  uint32_t acc = 0;
  int bits = 0;
  const uint32_t maxv = (1u << to) - 1;
  for (uint8_t v : in) {
    if ((v >> from) != 0) return false;
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out->push_back(static_cast<uint8_t>((acc >> bits) & maxv));
    }
  }
  if (pad) {
    if (bits > 0) {
      out->push_back(static_cast<uint8_t>((acc << (to - bits)) & maxv));
    }
  } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
    return false;
  }
  return true;
}

}  // namespace

Status Bech32Encode(std::string_view hrp, std::string_view data,
                    std::string* out) {
  if (hrp.empty()) return Status::Error("bech32: empty human-readable part");
  bool upper = false, lower = false;
  for (char c : hrp) {
    if (c < 33 || c > 126) {
      return Status::Error("bech32: invalid human-readable part");
    }
    upper |= (c >= 'A' && c <= 'Z');
    lower |= (c >= 'a' && c <= 'z');
  }
  if (upper && lower) {
    return Status::Error("bech32: mixed-case human-readable part");
  }
  Values bytes(data.begin(), data.end());
  Values values;
  ConvertBits(bytes, 8, 5, /*pad=*/true, &values);
  Text lower_hrp = LowerCopy(hrp);
  Values check = HrpExpand(lower_hrp);
  check.insert(check.end(), values.begin(), values.end());
  check.insert(check.end(), 6, 0);
  uint32_t mod = Polymod(check) ^ 1;
  for (int i = 0; i < 6; ++i) values.push_back((mod >> (5 * (5 - i))) & 31);
  Text s = lower_hrp + "1";
  for (uint8_t v : values) s.push_back(kCharset[v]);
  if (upper) {
    for (char& c : s) c = Upper(c);
  }
  out->assign(s.data(), s.size());
  return Status::Ok();
}

Status Bech32Decode(std::string_view text, std::string* hrp,
                    SecureBytes* data) {
  bool upper = false, lower = false;
  for (char c : text) {
    if (c < 33 || c > 126) return Status::Error("bech32: invalid character");
    upper |= (c >= 'A' && c <= 'Z');
    lower |= (c >= 'a' && c <= 'z');
  }
  if (upper && lower) return Status::Error("bech32: mixed case");
  size_t pos = text.rfind('1');
  if (pos == std::string_view::npos || pos == 0 || pos + 7 > text.size()) {
    return Status::Error("bech32: separator '1' at invalid position");
  }
  Text lower_text = LowerCopy(text);
  std::string_view lhrp = std::string_view(lower_text).substr(0, pos);
  Values values;
  for (char c : std::string_view(lower_text).substr(pos + 1)) {
    size_t v = kCharset.find(c);
    if (v == std::string_view::npos) {
      return Status::Error(std::string("bech32: invalid data character '") + c +
                           "'");
    }
    values.push_back(static_cast<uint8_t>(v));
  }
  Values check = HrpExpand(lhrp);
  check.insert(check.end(), values.begin(), values.end());
  if (Polymod(check) != 1) return Status::Error("bech32: invalid checksum");
  values.resize(values.size() - 6);
  Values bytes;
  if (!ConvertBits(values, 5, 8, /*pad=*/false, &bytes)) {
    return Status::Error("bech32: invalid data padding");
  }
  *hrp = std::string(text.substr(0, pos));
  *data = SecureBytes(std::string_view(
      reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return Status::Ok();
}

}  // namespace ferry::sops

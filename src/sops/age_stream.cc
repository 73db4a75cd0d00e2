#include "sops/age_stream.h"

#include <algorithm>
#include <cstdint>

#include "sops/crypto.h"

namespace ferry::sops {
namespace {

constexpr size_t kEncChunkSize = kAgeChunkSize + kAeadTagSize;

std::string ChunkNonce(uint64_t counter, bool last) {
  std::string nonce(12, '\0');
  for (int i = 0; i < 8; ++i) {
    nonce[10 - i] = static_cast<char>((counter >> (8 * i)) & 0xff);
  }
  nonce[11] = last ? 1 : 0;
  return nonce;
}

}  // namespace

Status AgeStreamEncrypt(std::string_view key, std::string_view plaintext,
                        std::string* out) {
  uint64_t counter = 0;
  size_t pos = 0;
  do {
    size_t n = std::min(kAgeChunkSize, plaintext.size() - pos);
    bool last = pos + n == plaintext.size();
    FERRY_RETURN_IF_ERROR(ChaChaPolySeal(key, ChunkNonce(counter++, last),
                                         plaintext.substr(pos, n), out));
    pos += n;
  } while (pos < plaintext.size());
  return Status::Ok();
}

Status AgeStreamDecrypt(std::string_view key, std::string_view ciphertext,
                        SecureBytes* plaintext) {
  SecureBytes out;
  if (ciphertext.empty()) {
    return Status::Error("age payload is truncated (no chunks)");
  }
  uint64_t counter = 0;
  size_t pos = 0;
  while (pos < ciphertext.size()) {
    size_t n = std::min(kEncChunkSize, ciphertext.size() - pos);
    bool last = pos + n == ciphertext.size();
    if (n < kAeadTagSize) {
      return Status::Error("age payload is truncated (short final chunk)");
    }
    if (last && n == kAeadTagSize && counter > 0) {
      return Status::Error(
          "age payload has an empty final chunk after full ones");
    }
    if (!ChaChaPolyOpen(key, ChunkNonce(counter, last),
                        ciphertext.substr(pos, n), &out)) {
      if (last && n == kEncChunkSize &&
          ChaChaPolyOpen(key, ChunkNonce(counter, false),
                         ciphertext.substr(pos, n), &out)) {
        return Status::Error(
            "age payload is truncated (the last chunk is not marked final)");
      }
      return Status::Error("age payload chunk " + std::to_string(counter) +
                           " failed authentication (the file was modified or "
                           "truncated)");
    }
    pos += n;
    ++counter;
  }
  *plaintext = std::move(out);
  return Status::Ok();
}

}  // namespace ferry::sops

// The age payload: STREAM (Hoang, Reyhanitabar, Rogaway, Vizár) over
// ChaCha20-Poly1305 in 64 KiB chunks. Nonce = 11-byte big-endian chunk
// counter || 1-byte last-chunk flag. Private to the sops layer.
#ifndef FERRY_SOPS_AGE_STREAM_H_
#define FERRY_SOPS_AGE_STREAM_H_

#include <string>
#include <string_view>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Plaintext bytes per STREAM chunk.
inline constexpr size_t kAgeChunkSize = 64 * 1024;

/// Encrypts `plaintext` under the 32-byte payload key, appending the chunks
/// to *out. An empty plaintext is one empty final chunk; a plaintext that is
/// a multiple of the chunk size ends with a full final chunk.
Status AgeStreamEncrypt(std::string_view key, std::string_view plaintext,
                        std::string* out);

/// Decrypts and authenticates all chunks; a truncated or modified payload is
/// an error.
Status AgeStreamDecrypt(std::string_view key, std::string_view ciphertext,
                        SecureBytes* plaintext);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_AGE_STREAM_H_

// SecureBytes: a byte buffer for key material that wipes itself.
#ifndef FERRY_SOPS_SECURE_BYTES_H_
#define FERRY_SOPS_SECURE_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::sops {

/// Allocator that overwrites memory with zeros (OPENSSL_cleanse) before
/// giving it back, so that reallocation and destruction leave no copies.
template <typename T>
struct CleansingAllocator {
  using value_type = T;
  CleansingAllocator() = default;
  template <typename U>
  CleansingAllocator(const CleansingAllocator<U>&) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n);
  template <typename U>
  bool operator==(const CleansingAllocator<U>&) const {
    return true;
  }
};

void CleanseMemory(void* p, std::size_t n);

/// Overwrites a string's bytes with zeros and empties it.
inline void WipeString(std::string* s) {
  CleanseMemory(s->data(), s->size());
  s->clear();
}

/// A std::string holding a secret (plaintext, a credential), wiped when it
/// goes out of scope. Growth may leave copies behind; fill it once.
struct WipedString {
  std::string s;
  WipedString() = default;
  WipedString(const WipedString&) = delete;
  WipedString& operator=(const WipedString&) = delete;
  ~WipedString() { WipeString(&s); }
};

template <typename T>
void CleansingAllocator<T>::deallocate(T* p, std::size_t n) {
  CleanseMemory(p, n * sizeof(T));
  ::operator delete(p);
}

/// Secret bytes (data keys, file keys, private keys, decrypted plaintext):
/// move-only, wiped on destruction, on move-assignment and on growth.
/// Copies are explicit (Clone) so that none happen by accident.
class SecureBytes {
 public:
  SecureBytes() = default;
  /// n zero bytes.
  explicit SecureBytes(std::size_t n) : bytes_(n) {}
  /// A copy of the given bytes.
  explicit SecureBytes(std::string_view bytes)
      : bytes_(bytes.begin(), bytes.end()) {}
  ~SecureBytes() = default;

  SecureBytes(SecureBytes&& other) noexcept = default;
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;

  /// An explicit copy.
  SecureBytes Clone() const { return SecureBytes(view()); }

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  uint8_t& operator[](std::size_t i) { return bytes_[i]; }
  uint8_t operator[](std::size_t i) const { return bytes_[i]; }

  /// The bytes as a view; valid until this buffer changes.
  std::string_view view() const {
    return std::string_view(reinterpret_cast<const char*>(bytes_.data()),
                            bytes_.size());
  }

  void resize(std::size_t n) { bytes_.resize(n); }
  void append(std::string_view bytes) {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
  }
  /// Wipes and empties the buffer.
  void clear();

  /// Constant-time comparison of contents (lengths may leak).
  bool Equals(std::string_view other) const;

 private:
  std::vector<uint8_t, CleansingAllocator<uint8_t>> bytes_;
};

/// n bytes from the OpenSSL CSPRNG; aborts the process if it fails (there is
/// no safe way to continue without randomness).
SecureBytes RandomSecureBytes(std::size_t n);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_SECURE_BYTES_H_

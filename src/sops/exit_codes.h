// The exit codes of the sops command (its cmd/sops/codes), which the
// `ferry secrets` commands keep so that scripts written around sops keep
// working. Errors of the sops layer carry them (Status::code()).
#ifndef FERRY_SOPS_EXIT_CODES_H_
#define FERRY_SOPS_EXIT_CODES_H_

namespace ferry::sops {

inline constexpr int kExitGeneric = 1;
inline constexpr int kExitCouldNotReadInputFile = 2;
inline constexpr int kExitCouldNotWriteOutputFile = 3;
inline constexpr int kExitInvalidSetFormat = 7;
inline constexpr int kExitConflictingParameters = 8;
inline constexpr int kExitDecryptingTree = 25;
inline constexpr int kExitCannotChangeKeysFromNonExistentFile = 49;
inline constexpr int kExitMacMismatch = 51;
inline constexpr int kExitConfigFileNotFound = 61;
inline constexpr int kExitKeyboardInterrupt = 85;
inline constexpr int kExitInvalidTreePathFormat = 91;
inline constexpr int kExitNoEncryptionKeyFound = 111;
inline constexpr int kExitCouldNotRetrieveKey = 128;
inline constexpr int kExitFileHasNotBeenModified = 200;
inline constexpr int kExitNoEditorFound = 201;
inline constexpr int kExitFileAlreadyEncrypted = 203;

}  // namespace ferry::sops

#endif  // FERRY_SOPS_EXIT_CODES_H_

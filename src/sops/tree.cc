#include "sops/tree.h"

#include <re2/re2.h>

#include <charconv>
#include <memory>

#include "sops/crypto.h"
#include "sops/mac.h"
#include "sops/secure_bytes.h"
#include "sops/value_cipher.h"
#include "yaml/resolve.h"

namespace ferry::sops {
namespace {

using yaml::Node;
using yaml::Pair;

std::vector<std::string> SplitComment(const std::string& c) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < c.size()) {
    size_t end = c.find('\n', pos);
    if (end == std::string::npos) end = c.size();
    if (end > pos) lines.push_back(c.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

std::string JoinComment(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

// The plaintext form and type of a scalar, as sops's ToBytes writes it;
// false for null (not encrypted, not in the MAC).
bool ScalarPlaintext(const Node& n, std::string* text, ValueType* type) {
  if (n.IsNull()) return false;
  yaml::ScalarType t =
      n.IsQuotedString() ? yaml::ScalarType::kString : yaml::ResolveV3(n);
  const std::string& s = n.value();
  switch (t) {
    case yaml::ScalarType::kNull:
      return false;
    case yaml::ScalarType::kBool:
      *type = ValueType::kBool;
      *text = (s == "true" || s == "True" || s == "TRUE") ? "True" : "False";
      return true;
    case yaml::ScalarType::kInt: {
      int64_t i;
      if (yaml::ParseGoInt(s, &i)) {
        *type = ValueType::kInt;
        *text = std::to_string(i);
        return true;
      }
      [[fallthrough]];
    }
    case yaml::ScalarType::kFloat: {
      std::string clean;
      for (char c : s)
        if (c != '_' && c != '+') clean += c;
      double d = 0;
      std::from_chars(clean.data(), clean.data() + clean.size(), d);
      char buf[512];
      auto r =
          std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
      *type = ValueType::kFloat;
      *text = std::string(buf, r.ptr);
      return true;
    }
    default:
      *type = ValueType::kStr;
      *text = s;
      return true;
  }
}

// One walk (encrypt or decrypt) over a tree.
class Walker {
 public:
  // Encrypting takes IVs from `stash`; decrypting adds them to it.
  Walker(const CryptRules& rules, std::string_view key, bool encrypt,
         IvStash* stash)
      : rules_(rules),
        key_(key),
        encrypt_(encrypt),
        stash_(stash),
        mac_(rules.mac_only_encrypted) {
    auto compile = [](const std::string& p) {
      return p.empty() ? nullptr : std::make_unique<RE2>(p);
    };
    unenc_re_ = compile(rules.unencrypted_regex);
    enc_re_ = compile(rules.encrypted_regex);
    unenc_comment_re_ = compile(rules.unencrypted_comment_regex);
    enc_comment_re_ = compile(rules.encrypted_comment_regex);
    if (rules_.unencrypted_suffix.empty() && rules_.encrypted_suffix.empty() &&
        rules_.unencrypted_regex.empty() && rules_.encrypted_regex.empty())
      rules_.unencrypted_suffix = std::string(kDefaultUnencryptedSuffix);
  }

  Status Doc(Node* doc) {
    if (doc->IsNull()) return Status::Ok();
    return Collection(doc);
  }

  std::string Mac() { return mac_.HexDigest(); }

 private:
  Status Collection(Node* n) {
    stack_.emplace_back();
    Status st = n->IsMap() ? MapBody(n) : SeqBody(n);
    if (st.ok()) st = Comments(n, &Node::foot_comment, &Node::set_foot_comment);
    stack_.pop_back();
    return st;
  }

  Status MapBody(Node* n) {
    for (Pair& p : n->pairs()) {
      FERRY_RETURN_IF_ERROR(
          Comments(&p.key, &Node::head_comment, &Node::set_head_comment));
      path_.push_back(p.key.value());
      Status st = Value(&p.value);
      path_.pop_back();
      FERRY_RETURN_IF_ERROR(st);
      stack_.back().clear();
    }
    return Status::Ok();
  }

  Status SeqBody(Node* n) {
    for (Node& item : n->items()) {
      FERRY_RETURN_IF_ERROR(
          Comments(&item, &Node::head_comment, &Node::set_head_comment));
      FERRY_RETURN_IF_ERROR(Value(&item));
      stack_.back().clear();
    }
    return Status::Ok();
  }

  Status Value(Node* v) {
    if (v->IsMap() || v->IsSeq()) return Collection(v);
    return Leaf(v);
  }

  std::string AdditionalData() const {
    std::string ad;
    for (size_t i = 0; i < path_.size(); ++i) {
      if (i) ad += ':';
      ad += path_[i];
    }
    return ad + ":";
  }

  Status Leaf(Node* v) {
    bool encrypted = ShouldEncrypt(false);
    if (encrypt_) {
      std::string text;
      ValueType type;
      if (!ScalarPlaintext(*v, &text, &type)) return Status::Ok();
      if (!rules_.mac_only_encrypted || encrypted) mac_.AddValue(text);
      if (!encrypted) return Status::Ok();
      std::string out;
      FERRY_RETURN_IF_ERROR(Encrypt(text, type, &out));
      Node enc = Node::Str(out);
      enc.set_head_comment(v->head_comment());
      *v = std::move(enc);
      return Status::Ok();
    }
    if (!encrypted) {
      std::string text;
      ValueType type;
      if (ScalarPlaintext(*v, &text, &type) && !rules_.mac_only_encrypted)
        mac_.AddValue(text);
      return Status::Ok();
    }
    if (v->IsNull() || (!v->IsQuotedString() &&
                        yaml::ResolveV3(*v) == yaml::ScalarType::kNull))
      return Status::Ok();
    if (!v->IsScalar() || !(v->IsQuotedString() ||
                            yaml::ResolveV3(*v) == yaml::ScalarType::kString))
      return Status::Error("cannot decrypt the value at " + AdditionalData() +
                           ": it is not an encrypted string");
    SecureBytes plain;
    ValueType type;
    Status st = DecryptValue(v->value(), key_, AdditionalData(), &plain, &type);
    if (!st.ok())
      return Status::Error("cannot decrypt the value at " + AdditionalData() +
                           ": " + st.message());
    Remember(v->value(), plain.view(), type);
    mac_.AddValue(plain.view());
    Node out = type == ValueType::kStr || type == ValueType::kBytes
                   ? Node::Str(plain.view())
                   : Node::Plain(plain.view());
    out.set_head_comment(v->head_comment());
    *v = std::move(out);
    return Status::Ok();
  }

  // Walks the comment lines of a node ("#text" each), encrypting or
  // decrypting those the rules select.
  Status Comments(Node* n, const std::string& (Node::*get)() const,
                  void (Node::*set)(std::string)) {
    const std::string& all = (n->*get)();
    if (all.empty()) return Status::Ok();
    std::vector<std::string> lines = SplitComment(all);
    bool changed = false;
    for (std::string& line : lines) {
      std::string value = line.substr(1);  // without '#'
      stack_.back().push_back(value);
      if (!ShouldEncrypt(true)) continue;
      if (encrypt_) {
        std::string out;
        FERRY_RETURN_IF_ERROR(Encrypt(value, ValueType::kComment, &out));
        line = "#" + out;
        changed = true;
      } else if (IsEncryptedValue(value)) {
        SecureBytes plain;
        ValueType type;
        if (DecryptValue(value, key_, AdditionalData(), &plain, &type).ok()) {
          Remember(value, plain.view(), type);
          line = "#" + std::string(plain.view());
          changed = true;
        }
      }
    }
    if (changed) (n->*set)(JoinComment(lines));
    return Status::Ok();
  }

  // The stash key of a value at the current path.
  std::string Digest(std::string_view plaintext, ValueType type) const {
    std::string msg = AdditionalData();
    msg += '\0';
    msg += ValueTypeName(type);
    msg += '\0';
    msg += plaintext;
    std::string d = HmacSha256(key_, msg);
    CleanseMemory(msg.data(), msg.size());
    return d;
  }

  // Encrypts a value at the current path, with its stashed IV if any.
  Status Encrypt(std::string_view text, ValueType type, std::string* out) {
    std::string iv;
    if (stash_ && stash_->Take(Digest(text, type), &iv))
      return EncryptValueWithIv(text, type, key_, iv, AdditionalData(), out);
    return EncryptValue(text, type, key_, AdditionalData(), out);
  }

  // Stashes the IV of a value just decrypted.
  void Remember(std::string_view enc, std::string_view plaintext,
                ValueType type) {
    EncryptedValue parsed;
    if (stash_ && !enc.empty() && ParseEncryptedValue(enc, &parsed).ok())
      stash_->Remember(Digest(plaintext, type), std::move(parsed.iv));
  }

  bool ShouldEncrypt(bool is_comment) const {
    bool encrypted = true;
    if (!rules_.unencrypted_suffix.empty()) {
      for (const std::string& p : path_)
        if (p.ends_with(rules_.unencrypted_suffix)) {
          encrypted = false;
          break;
        }
    }
    if (!rules_.encrypted_suffix.empty()) {
      encrypted = false;
      for (const std::string& p : path_)
        if (p.ends_with(rules_.encrypted_suffix)) {
          encrypted = true;
          break;
        }
    }
    if (unenc_re_) {
      for (const std::string& p : path_)
        if (RE2::PartialMatch(p, *unenc_re_)) {
          encrypted = false;
          break;
        }
    }
    if (enc_re_) {
      encrypted = false;
      for (const std::string& p : path_)
        if (RE2::PartialMatch(p, *enc_re_)) {
          encrypted = true;
          break;
        }
    }
    if (unenc_comment_re_) {
      for (const auto& cs : stack_)
        for (const std::string& c : cs)
          if (RE2::PartialMatch(c, *unenc_comment_re_)) return false;
    }
    if (enc_comment_re_) {
      encrypted = false;
      for (size_t i = 0; i < stack_.size(); ++i)
        for (size_t j = 0; j < stack_[i].size(); ++j) {
          // The comment that matches is not itself encrypted.
          if (is_comment && i + 1 == stack_.size() && j + 1 == stack_[i].size())
            continue;
          if (RE2::PartialMatch(stack_[i][j], *enc_comment_re_)) return true;
        }
    }
    return encrypted;
  }

  CryptRules rules_;
  std::string_view key_;
  bool encrypt_;
  IvStash* stash_;
  SopsMac mac_;
  std::unique_ptr<RE2> unenc_re_, enc_re_, unenc_comment_re_, enc_comment_re_;
  std::vector<std::string> path_;
  std::vector<std::vector<std::string>> stack_;
};

Status Walk(std::vector<Node>* docs, const CryptRules& rules,
            std::string_view key, bool encrypt, std::string* mac_hex,
            IvStash* stash) {
  FERRY_RETURN_IF_ERROR(CheckCryptRules(rules));
  if (key.size() != 32)
    return Status::Error("the sops data key must be 32 bytes");
  Walker w(rules, key, encrypt, stash);
  for (Node& d : *docs) FERRY_RETURN_IF_ERROR(w.Doc(&d));
  *mac_hex = w.Mac();
  return Status::Ok();
}

void AppendComment(std::string* to, const std::string& c) {
  if (c.empty()) return;
  if (!to->empty()) *to += '\n';
  *to += c;
}

}  // namespace

Status CheckCryptRules(const CryptRules& r) {
  int n = !r.unencrypted_suffix.empty() + !r.encrypted_suffix.empty() +
          !r.unencrypted_regex.empty() + !r.encrypted_regex.empty();
  if (n > 1)
    return Status::Error(
        "cannot use more than one of encrypted_suffix, unencrypted_suffix, "
        "encrypted_regex or unencrypted_regex in the same file");
  if (!r.unencrypted_comment_regex.empty() &&
      !r.encrypted_comment_regex.empty())
    return Status::Error(
        "cannot use both encrypted_comment_regex and "
        "unencrypted_comment_regex in the same file");
  for (const std::string* re :
       {&r.unencrypted_regex, &r.encrypted_regex, &r.unencrypted_comment_regex,
        &r.encrypted_comment_regex}) {
    if (re->empty()) continue;
    RE2 compiled(*re, RE2::Quiet);
    if (!compiled.ok())
      return Status::Error("invalid regular expression \"" + *re +
                           "\": " + compiled.error());
  }
  return Status::Ok();
}

Status EncryptTree(std::vector<Node>* docs, const CryptRules& rules,
                   std::string_view data_key, std::string* mac_hex,
                   IvStash* stash) {
  return Walk(docs, rules, data_key, true, mac_hex, stash);
}

Status DecryptTree(std::vector<Node>* docs, const CryptRules& rules,
                   std::string_view data_key, std::string* mac_hex,
                   IvStash* stash) {
  return Walk(docs, rules, data_key, false, mac_hex, stash);
}

void NormalizeComments(Node* n) {
  if (n->IsMap()) {
    for (Pair& p : n->pairs()) {
      std::string head = p.key.head_comment();
      AppendComment(&head, p.key.line_comment());
      if (!p.value.IsMap() && !p.value.IsSeq()) {
        AppendComment(&head, p.value.head_comment());
        AppendComment(&head, p.value.line_comment());
        p.value.set_head_comment("");
        p.value.set_line_comment("");
      }
      p.key.set_head_comment(head);
      p.key.set_line_comment("");
      NormalizeComments(&p.value);
    }
  } else if (n->IsSeq()) {
    for (Node& item : n->items()) {
      std::string head = item.head_comment();
      AppendComment(&head, item.line_comment());
      item.set_head_comment(head);
      item.set_line_comment("");
      NormalizeComments(&item);
    }
  }
}

}  // namespace ferry::sops

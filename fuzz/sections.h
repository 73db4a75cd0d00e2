// Sections: how the harnesses that need several inputs (files, a target and
// a patch, variables and an object) cut one fuzzed byte string into parts.
// A line "--- FILE <name>" starts a section called <name>; text before the
// first such line is a section named "". Corpus files stay readable YAML.
#ifndef FERRY_FUZZ_SECTIONS_H_
#define FERRY_FUZZ_SECTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::fuzz {

/// One named part of a fuzzed input.
struct Section {
  std::string name;
  std::string text;
};

inline std::vector<Section> SplitSections(std::string_view in) {
  constexpr std::string_view kHeader = "--- FILE ";
  std::vector<Section> out(1);
  while (!in.empty()) {
    size_t eol = in.find('\n');
    std::string_view line = in.substr(0, eol == in.npos ? in.size() : eol + 1);
    in.remove_prefix(line.size());
    if (line.starts_with(kHeader)) {
      std::string_view name = line.substr(kHeader.size());
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r'))
        name.remove_suffix(1);
      out.push_back({std::string(name), ""});
    } else {
      out.back().text.append(line);
    }
  }
  return out;
}

/// The text of the first section called `name`, or "".
inline std::string_view SectionText(const std::vector<Section>& sections,
                                    std::string_view name) {
  for (const Section& s : sections)
    if (s.name == name) return s.text;
  return {};
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace ferry::fuzz

#endif  // FERRY_FUZZ_SECTIONS_H_

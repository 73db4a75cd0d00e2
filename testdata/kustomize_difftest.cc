// The differential suite: runs ferry's build on every case under
// testdata/kustomize and compares with what `kubectl kustomize` printed
// (expected.yaml) or whether it failed (expected.err). Prints, per failing
// case, what differs, then two counts: same documents in the same order, and
// byte-identical output. Cases listed in KNOWN_DIFFERENCES are reported but
// do not fail the run; a listed case that now passes is reported too, so the
// list only shrinks.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kustomize/build.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::vector<std::string> ListCases(const std::string& dir) {
  std::vector<std::string> cases;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name[0] != '.' && std::filesystem::is_directory(e.path() / "in"))
      cases.push_back(name);
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// First differing line of two texts, for the report.
std::string FirstDiff(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  int line = 1;
  while (true) {
    bool ga = static_cast<bool>(std::getline(sa, la));
    bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "(no line differs)";
    if (!ga || !gb || la != lb)
      return "line " + std::to_string(line) + ": expected \"" +
             (gb ? lb : "<eof>") + "\", got \"" + (ga ? la : "<eof>") + "\"";
    ++line;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kustomize_difftest TESTDATA_DIR [CASE...]\n");
    return 2;
  }
  std::string dir = argv[1];
  std::vector<std::string> cases;
  for (int i = 2; i < argc; ++i) cases.push_back(argv[i]);
  if (cases.empty()) cases = ListCases(dir);
  std::set<std::string> known;
  {
    std::string text;
    if (ReadFile(dir + "/KNOWN_DIFFERENCES", &text)) {
      std::istringstream ss(text);
      std::string line;
      while (std::getline(ss, line)) {
        line = Trim(line);
        if (!line.empty() && line[0] != '#') known.insert(line.substr(0, line.find(' ')));
      }
    }
  }
  int same_docs = 0, bytes = 0, failed = 0, known_failed = 0;
  std::vector<std::string> now_passing;
  for (const std::string& c : cases) {
    std::string base = dir + "/" + c;
    std::string root = base + "/in", rel;
    if (ReadFile(base + "/root", &rel)) root += "/" + Trim(rel);
    ferry::kustomize::BuildOptions opts;
    std::string args;
    if (ReadFile(base + "/args", &args)) {
      // The flags of `kubectl kustomize` that change a build.
      if (args.find("LoadRestrictionsNone") != std::string::npos)
        opts.load_restrictor = ferry::kustomize::LoadRestrictor::kNone;
      if (args.find("--enable-managedby-label") != std::string::npos)
        opts.add_managed_by_label = true;
      if (args.find("--reorder none") != std::string::npos)
        opts.reorder = ferry::kustomize::BuildOptions::Reorder::kNone;
      if (args.find("--reorder legacy") != std::string::npos)
        opts.reorder = ferry::kustomize::BuildOptions::Reorder::kLegacy;
    }
    ferry::kustomize::BuildResult result;
    ferry::Status st = ferry::kustomize::Build(root, opts, &result);
    std::string expected, got, why;
    bool expect_error = !ReadFile(base + "/expected.yaml", &expected);
    bool docs_ok = false, bytes_ok = false;
    if (expect_error) {
      // ferry must fail too, with one line naming the file at fault.
      const std::string& msg = st.message();
      docs_ok = bytes_ok = !st.ok() && msg.find('\n') == std::string::npos &&
                           msg.find(": error: ") != std::string::npos &&
                           msg.rfind("error:", 0) != 0;
      if (st.ok()) why = "kubectl failed but ferry succeeded";
      else if (!docs_ok) why = "error message is not 'file:line:col: error: ...': " + msg;
    } else if (!st.ok()) {
      why = "ferry failed: " + st.message();
    } else {
      std::vector<ferry::yaml::Node> docs;
      for (auto& r : result.resources) docs.push_back(std::move(r.node));
      got = ferry::yaml::EmitKustomizeStream(docs);
      bytes_ok = got == expected;
      std::vector<ferry::yaml::Node> want_docs, got_docs;
      ferry::Status a = ferry::yaml::ParseDocuments(expected, "expected", &want_docs);
      ferry::Status b = ferry::yaml::ParseDocuments(got, "got", &got_docs);
      docs_ok = a.ok() && b.ok() && want_docs == got_docs;
      if (!bytes_ok) why = FirstDiff(got, expected);
    }
    same_docs += docs_ok;
    bytes += bytes_ok;
    bool is_known = known.count(c) > 0;
    if (!docs_ok) {
      if (is_known) {
        ++known_failed;
      } else {
        ++failed;
      }
      std::printf("%s %s: %s\n", is_known ? "KNOWN" : "FAIL", c.c_str(),
                  why.c_str());
    } else {
      if (is_known) now_passing.push_back(c);
      if (!bytes_ok) std::printf("BYTES %s: %s\n", c.c_str(), why.c_str());
    }
  }
  for (const std::string& c : now_passing)
    std::printf("FIXED %s: passes now; remove it from KNOWN_DIFFERENCES\n", c.c_str());
  int total = static_cast<int>(cases.size());
  std::printf("\nkustomize differential: %d/%d same documents, %d/%d byte-identical\n",
              same_docs, total, bytes, total);
  std::printf("difftest: %d passed, %d failed, %d skipped\n",
              total - failed - known_failed, failed, known_failed);
  return failed == 0 && now_passing.empty() ? 0 : 1;
}

#include "kustomize/generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "kustomize/envfile.h"
#include "kustomize/hash.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

yaml::Node Parse(std::string_view text) {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, "kustomization.yaml", &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

std::string Emit(const yaml::Node& n) {
  std::string out;
  yaml::EmitKustomizeDocument(n, &out);
  return out;
}

// A scratch folder with files, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string t = (fs::temp_directory_path() / "ferry-gen-XXXXXX").string();
    dir_ = ::mkdtemp(t.data());
  }
  ~ScratchDir() { fs::remove_all(dir_); }
  void Write(const std::string& name, std::string_view content) {
    fs::path p = fs::path(dir_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
  std::unique_ptr<Loader> MakeLoader() {
    std::unique_ptr<Loader> l;
    EXPECT_TRUE(Loader::ForRoot(dir_, LoadRestrictor::kRootOnly, &l).ok());
    return l;
  }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Generates from `args` (YAML) with files in `dir`.
Status Gen(GeneratorKind kind, std::string_view args, ScratchDir* dir,
           Resource* out, std::string_view global = "") {
  yaml::Node a = Parse(args);
  yaml::Node g;
  if (!global.empty()) g = Parse(global);
  std::unique_ptr<Loader> l = dir->MakeLoader();
  return Generate(kind, a, global.empty() ? nullptr : &g, *l, out);
}

std::string DataValue(const Resource& r, std::string_view field,
                      std::string_view key) {
  const yaml::Node* n = r.node.GetPath({field, key});
  return n ? n->value() : "<missing>";
}

// --- Differential: generator entries of testdata cases against the
// documents `kubectl kustomize` wrote for them (names with hash suffix). ---

class TestdataCase : public ::testing::TestWithParam<const char*> {};

TEST_P(TestdataCase, MatchesKubectl) {
  fs::path base =
      fs::path(FERRY_SOURCE_DIR) / "testdata/kustomize" / GetParam();
  fs::path in = base / "in";
  yaml::Node k = Parse(ReadAll(in / "kustomization.yaml"));
  std::vector<yaml::Node> expected;
  ASSERT_TRUE(yaml::ParseDocuments(ReadAll(base / "expected.yaml"),
                                   "expected.yaml", &expected)
                  .ok());
  std::unique_ptr<Loader> loader;
  ASSERT_TRUE(
      Loader::ForRoot(in.string(), LoadRestrictor::kRootOnly, &loader).ok());
  const yaml::Node* options = k.Get("generatorOptions");
  int compared = 0;
  for (auto [field, kind] :
       {std::pair{"configMapGenerator", GeneratorKind::kConfigMap},
        std::pair{"secretGenerator", GeneratorKind::kSecret}}) {
    const yaml::Node* list = k.Get(field);
    if (!list) continue;
    for (const yaml::Node& args : list->items()) {
      Resource r;
      Status st = Generate(kind, args, options, *loader, &r);
      ASSERT_TRUE(st.ok()) << st.message();
      if (r.needs_hash)
        r.SetName(std::string(r.Name()) + "-" + ContentHash(r.node));
      const yaml::Node* want = nullptr;
      for (const yaml::Node& d : expected) {
        const yaml::Node* ns = d.GetPath({"metadata", "namespace"});
        if (d.GetString("kind") == r.node.GetString("kind") &&
            d.GetPath({"metadata", "name"})->value() == r.Name() &&
            (ns ? std::string_view(ns->value()) : "") == r.Namespace())
          want = &d;
      }
      ASSERT_NE(want, nullptr) << "no " << r.Name() << " in expected.yaml";
      EXPECT_EQ(Emit(r.node), Emit(*want));
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Kubectl, TestdataCase,
    ::testing::Values(
        "b-057-cm-literals-special", "b-058-cm-files-plain-and-keyed",
        "b-059-cm-envs-comments-quotes", "b-060-cm-envs-export-prefix",
        "b-061-secret-literals-files", "b-062-secret-type-tls",
        "b-063-cm-binary-file", "b-064-cm-empty-literals",
        "b-065-generator-namespace", "b-066-same-name-two-namespaces",
        "b-067-generator-options-labels-annotations",
        "b-068-disable-name-suffix-hash", "b-069-generator-immutable",
        "b-070-generatoroptions-global-and-override",
        "b-074-cm-multiline-file-values", "b-078-cm-multiple-envs-and-literals",
        "b-079-secret-envs-and-base64-wrap",
        "b-120-hash-ignores-labels-depends-on-name-and-type"),
    [](const auto& info) {
      std::string s = std::string(info.param).substr(0, 5);
      s.erase(1, 1);  // "b057"
      return s;
    });

// --- Literals ---

TEST(Generate, LiteralQuotesAndEquals) {
  ScratchDir d;
  Resource r;
  // kubectl: literals ["a=\"x", "b='", "c=''", " c = 2 ", "k=a=b"]
  ASSERT_TRUE(Gen(GeneratorKind::kConfigMap,
                  "name: c\nliterals:\n- a=\"x\n- b='\n- c=''\n- ' c = 2 '\n"
                  "- k=a=b\n- q='x\"\n",
                  &d, &r)
                  .ok());
  EXPECT_EQ(DataValue(r, "data", "a"), "\"x");
  EXPECT_EQ(DataValue(r, "data", "b"), "'");
  EXPECT_EQ(DataValue(r, "data", "c"), "");
  EXPECT_EQ(DataValue(r, "data", " c "), " 2 ");
  EXPECT_EQ(DataValue(r, "data", "k"), "a=b");
  EXPECT_EQ(DataValue(r, "data", "q"), "'x\"");
  EXPECT_TRUE(r.needs_hash);
  EXPECT_EQ(r.behavior, GeneratorBehavior::kUnspecified);
}

TEST(Generate, KeysAreNotValidated) {
  // kubectl accepts "a/b=1", "ä=x", "a b=1" as keys.
  ScratchDir d;
  Resource r;
  ASSERT_TRUE(
      Gen(GeneratorKind::kConfigMap,
          "name: k1\nliterals: [\"a/b=1\", \"\xC3\xA4=x\", \"a b=1\"]\n", &d,
          &r)
          .ok());
  r.SetName("k1-" + ContentHash(r.node));
  EXPECT_EQ(DataValue(r, "data", "a/b"), "1");
}

TEST(Generate, LiteralErrors) {
  ScratchDir d;
  Resource r;
  Status st = Gen(GeneratorKind::kConfigMap,
                  "name: bad\nliterals:\n  - JUST_A_KEY\n", &d, &r);
  EXPECT_EQ(st.message(),
            "kustomization.yaml:3:5: error: invalid literal source "
            "JUST_A_KEY, expected key=value");
  st =
      Gen(GeneratorKind::kConfigMap, "name: bad\nliterals: [\"=x\"]\n", &d, &r);
  EXPECT_FALSE(st.ok());
  st = Gen(GeneratorKind::kConfigMap, "name: bad\nliterals: [null]\n", &d, &r);
  EXPECT_FALSE(st.ok());
}

TEST(Generate, DuplicateKeys) {
  ScratchDir d;
  d.Write("a.env", "A=1\nB=2\nA=3\n");
  Resource r;
  Status st = Gen(GeneratorKind::kConfigMap,
                  "name: dup\nliterals:\n- KEY=one\n- KEY=two\n", &d, &r);
  EXPECT_EQ(st.message(),
            "kustomization.yaml:4:3: error: configmap dup illegally repeats "
            "the key `KEY`");
  st = Gen(GeneratorKind::kConfigMap, "name: c\nenvs: [a.env]\n", &d, &r);
  EXPECT_TRUE(st.message().ends_with(
      "a.env:3: error: configmap c illegally repeats the key `A`"))
      << st.message();
  // Across sources and in a Secret (kustomize still says "configmap").
  st = Gen(GeneratorKind::kSecret, "name: s\nliterals: [B=1]\nenvs: [a.env]\n",
           &d, &r);
  EXPECT_FALSE(st.ok());
  d.Write("f", "x");
  st = Gen(GeneratorKind::kSecret, "name: s\nliterals: [f=1]\nfiles: [f]\n", &d,
           &r);
  EXPECT_EQ(st.message(),
            "kustomization.yaml:3:9: error: configmap s illegally repeats "
            "the key `f`");
}

// --- Files ---

TEST(Generate, FileSources) {
  ScratchDir d;
  d.Write("dir/x.txt", "hi\n");
  Resource r;
  ASSERT_TRUE(Gen(GeneratorKind::kConfigMap,
                  "name: c\nfiles: [dir/x.txt/, k=./dir/x.txt, "
                  "other=dir/../dir/x.txt]\n",
                  &d, &r)
                  .ok());
  EXPECT_EQ(DataValue(r, "data", "x.txt"), "hi\n");
  EXPECT_EQ(DataValue(r, "data", "k"), "hi\n");
  EXPECT_EQ(DataValue(r, "data", "other"), "hi\n");
}

TEST(Generate, FileSourceErrors) {
  ScratchDir d;
  d.Write("dir/x.txt", "hi\n");
  Resource r;
  auto err = [&](std::string src) {
    return Gen(GeneratorKind::kConfigMap, "name: c\nfiles:\n- " + src + "\n",
               &d, &r)
        .message();
  };
  EXPECT_EQ(err("a=b=c"),
            "kustomization.yaml:3:3: error: source \"a=b=c\" key name or "
            "file path contains '='");
  EXPECT_EQ(err("=x"),
            "kustomization.yaml:3:3: error: missing key name for file path "
            "\"x\" in source \"=x\"");
  EXPECT_EQ(err("k="),
            "kustomization.yaml:3:3: error: missing file path for key name "
            "\"k\" in source \"k=\"");
  EXPECT_NE(err("dir").find("kustomization.yaml:3:3: error: file source "
                            "\"dir\""),
            std::string::npos);
  EXPECT_NE(err("missing.conf").find("file source \"missing.conf\""),
            std::string::npos);
  // The load restriction applies.
  EXPECT_FALSE(err("../../../etc/passwd").empty());
}

TEST(Generate, BinaryFilesGoToBinaryData) {
  ScratchDir d;
  d.Write("latin1.txt", "caf\xE9\n");
  d.Write("ok.txt", "caf\xC3\xA9\n");
  d.Write("surrogate.txt", "\xED\xA0\x80");
  Resource r;
  ASSERT_TRUE(Gen(GeneratorKind::kConfigMap,
                  "name: c\nfiles: [latin1.txt, ok.txt, surrogate.txt]\n", &d,
                  &r)
                  .ok());
  EXPECT_EQ(DataValue(r, "binaryData", "latin1.txt"), "Y2Fm6Qo=");
  EXPECT_EQ(DataValue(r, "binaryData", "surrogate.txt"), "7aCA");
  EXPECT_EQ(DataValue(r, "data", "ok.txt"), "caf\xC3\xA9\n");
}

TEST(Generate, Base64WrapsAt70) {
  ScratchDir d;
  Resource r;
  // 51 bytes -> 68 characters on one line; 52 bytes -> 72: two lines, each
  // ended by '\n' (kubectl: b-079).
  ASSERT_TRUE(Gen(GeneratorKind::kSecret,
                  "name: w\nliterals:\n- a=" + std::string(51, 'a') +
                      "\n- b=" + std::string(52, 'b') + "\n",
                  &d, &r)
                  .ok());
  EXPECT_EQ(DataValue(r, "data", "a").size(), 68u);
  std::string b = DataValue(r, "data", "b");
  ASSERT_EQ(b.size(), 74u);
  EXPECT_EQ(b[70], '\n');
  EXPECT_EQ(b.back(), '\n');
}

// --- Env files ---

TEST(EnvFile, KustomizeRules) {
  std::vector<EnvEntry> e;
  // BOM on the first line only, CRLF, NBSP and VT trimmed, key kept with
  // its trailing space, "=x" skipped, a bare key gives "".
  ASSERT_TRUE(ParseEnvFile("\xEF\xBB\xBF"
                           "A=1\r\n\xC2\xA0"
                           "B=2\r\n\xEF\xBB\xBF"
                           "C=3\nKEY =v \n=skipped\n \t\n\v"
                           "D=4\nE\n  # comment\nexport F=x\nG=\"q\"",
                           "a.env", &e)
                  .ok());
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(e[0].key, "A");
  EXPECT_EQ(e[0].value, "1");
  EXPECT_EQ(e[1].key, "B");
  EXPECT_EQ(e[2].key,
            "\xEF\xBB\xBF"
            "C");
  EXPECT_EQ(e[3].key, "KEY ");
  EXPECT_EQ(e[3].value, "v ");
  EXPECT_EQ(e[4].key, "D");
  EXPECT_EQ(e[5].key, "E");
  EXPECT_EQ(e[5].value, "");
  EXPECT_EQ(e[6].key, "export F");
  EXPECT_EQ(e[7].value, "\"q\"");
  EXPECT_EQ(e[7].line, 11);
}

TEST(EnvFile, InvalidUtf8) {
  std::vector<EnvEntry> e;
  Status st = ParseEnvFile("GOOD=1\nBAD=caf\xE9\n", "bad.env", &e);
  EXPECT_EQ(st.message(),
            "bad.env:2: error: line [66 65 68 61 99 97 102 233] has invalid "
            "utf8 bytes : BAD=caf\xE9");
}

TEST(EnvFile, LongLineStopsReading) {
  // kubectl: a 65535-byte line is read, a 65536-byte line silently ends
  // the file (bufio.Scanner's token limit).
  std::vector<EnvEntry> e;
  ASSERT_TRUE(
      ParseEnvFile("X=1\nL=" + std::string(65533, 'a') + "\nY=2\n", "l.env", &e)
          .ok());
  EXPECT_EQ(e.size(), 3u);
  e.clear();
  ASSERT_TRUE(
      ParseEnvFile("X=1\nL=" + std::string(65534, 'a') + "\nY=2\n", "l.env", &e)
          .ok());
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "X");
}

TEST(Generate, EnvsThenLegacyEnv) {
  ScratchDir d;
  d.Write("a.env", "A=1\n");
  d.Write("b.env", "B=2\n");
  Resource r;
  ASSERT_TRUE(Gen(GeneratorKind::kSecret,
                  "name: s\nenv: b.env\nenvs: [a.env]\n", &d, &r)
                  .ok());
  EXPECT_EQ(DataValue(r, "data", "A"), "MQ==");
  EXPECT_EQ(DataValue(r, "data", "B"), "Mg==");
  Status st = Gen(GeneratorKind::kSecret,
                  "name: s\nenv: b.env\nenvs: [b.env]\n", &d, &r);
  EXPECT_TRUE(st.message().ends_with(
      "b.env:1: error: configmap s illegally repeats the key `B`"))
      << st.message();
}

// --- Options ---

TEST(Generate, EmptyGenerators) {
  ScratchDir d;
  Resource r;
  ASSERT_TRUE(
      Gen(GeneratorKind::kConfigMap, "name: x\noptions: {}\n", &d, &r).ok());
  EXPECT_EQ(Emit(r.node),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
            "  name: x\n");
  ASSERT_TRUE(
      Gen(GeneratorKind::kSecret, "name: s\ntype: \"\"\n", &d, &r).ok());
  EXPECT_EQ(Emit(r.node),
            "apiVersion: v1\ndata: {}\nkind: Secret\n"
            "metadata:\n  name: s\ntype: Opaque\n");
}

TEST(Generate, GlobalOptions) {
  // b-070: a global disableNameSuffixHash wins over a local false; local
  // labels win over global ones.
  ScratchDir d;
  Resource r;
  std::string global =
      "disableNameSuffixHash: true\nlabels: {generated: \"true\"}\n"
      "annotations: {source: kustomize}\nimmutable: true\n";
  ASSERT_TRUE(Gen(GeneratorKind::kConfigMap,
                  "name: o\nliterals: [b=2]\noptions:\n"
                  "  disableNameSuffixHash: false\n"
                  "  labels: {generated: overridden, extra: \"yes\"}\n",
                  &d, &r, global)
                  .ok());
  EXPECT_FALSE(r.needs_hash);
  EXPECT_EQ(r.node.GetPath({"metadata", "labels", "generated"})->value(),
            "overridden");
  EXPECT_EQ(r.node.GetPath({"metadata", "labels", "extra"})->value(), "yes");
  EXPECT_EQ(r.node.GetPath({"metadata", "annotations", "source"})->value(),
            "kustomize");
  EXPECT_EQ(r.node.GetString("immutable"), "true");
}

TEST(Generate, OptionValueTypes) {
  ScratchDir d;
  Resource r;
  // kubectl: `immutable: yes` is true (YAML 1.1), a null label value is "".
  ASSERT_TRUE(Gen(GeneratorKind::kConfigMap,
                  "name: c\noptions:\n  immutable: yes\n"
                  "  labels: {tier: null}\n  disableNameSuffixHash: null\n",
                  &d, &r)
                  .ok());
  EXPECT_EQ(r.node.GetString("immutable"), "true");
  EXPECT_EQ(r.node.GetPath({"metadata", "labels", "tier"})->value(), "");
  EXPECT_TRUE(r.needs_hash);
  // kubectl: "cannot unmarshal number into ... labels of type string".
  EXPECT_FALSE(Gen(GeneratorKind::kConfigMap,
                   "name: c\noptions:\n  labels: {tier: 1}\n", &d, &r)
                   .ok());
  EXPECT_FALSE(Gen(GeneratorKind::kConfigMap,
                   "name: c\noptions:\n  labels: {tier: true}\n", &d, &r)
                   .ok());
  EXPECT_FALSE(Gen(GeneratorKind::kConfigMap,
                   "name: c\noptions:\n  disableNameSuffixHash: \"true\"\n", &d,
                   &r)
                   .ok());
  EXPECT_FALSE(
      Gen(GeneratorKind::kConfigMap, "name: c\nnamespace: 123\n", &d, &r).ok());
  EXPECT_FALSE(
      Gen(GeneratorKind::kConfigMap, "name: c\nliterals: a=b\n", &d, &r).ok());
  // A date-like name stays a string.
  ASSERT_TRUE(
      Gen(GeneratorKind::kConfigMap, "name: 2020-01-01\n", &d, &r).ok());
  EXPECT_EQ(r.Name(), "2020-01-01");
}

TEST(Generate, ArgErrors) {
  ScratchDir d;
  Resource r;
  EXPECT_EQ(
      Gen(GeneratorKind::kConfigMap, "name: x\nbogus: 1\n", &d, &r).message(),
      "kustomization.yaml:2:1: error: unknown field \"bogus\" in "
      "configMapGenerator");
  EXPECT_FALSE(
      Gen(GeneratorKind::kConfigMap, "name: x\ntype: Opaque\n", &d, &r).ok());
  EXPECT_FALSE(Gen(GeneratorKind::kConfigMap,
                   "name: x\noptions: {fileMerge: {mode: files}}\n", &d, &r)
                   .ok());
  EXPECT_EQ(
      Gen(GeneratorKind::kConfigMap, "literals: [a=1]\n", &d, &r).message(),
      "kustomization.yaml:1:1: error: a configmap must have a name");
  EXPECT_FALSE(Gen(GeneratorKind::kConfigMap, "name: \"\"\n", &d, &r).ok());
}

TEST(Generate, Behavior) {
  ScratchDir d;
  Resource r;
  ASSERT_TRUE(
      Gen(GeneratorKind::kConfigMap, "name: c\nbehavior: merge\n", &d, &r)
          .ok());
  EXPECT_EQ(r.behavior, GeneratorBehavior::kMerge);
  ASSERT_TRUE(
      Gen(GeneratorKind::kSecret, "name: c\nbehavior: replace\n", &d, &r).ok());
  EXPECT_EQ(r.behavior, GeneratorBehavior::kReplace);
  ASSERT_TRUE(
      Gen(GeneratorKind::kSecret, "name: c\nbehavior: create\n", &d, &r).ok());
  EXPECT_EQ(r.behavior, GeneratorBehavior::kCreate);
  // kubectl accepts an unknown behavior silently.
  ASSERT_TRUE(
      Gen(GeneratorKind::kSecret, "name: c\nbehavior: bogus\n", &d, &r).ok());
  EXPECT_EQ(r.behavior, GeneratorBehavior::kUnspecified);
}

// --- MergeGenerated: expectations from `kubectl kustomize ov` with a base
// generating the objects and an overlay merging or replacing them. ---

Resource Make(GeneratorKind kind, std::string_view args, ScratchDir* d) {
  Resource r;
  Status st = Gen(kind, args, d, &r);
  EXPECT_TRUE(st.ok()) << st.message();
  return r;
}

TEST(MergeGenerated, MergeDataLabelsAnnotations) {
  // base: {name: nohash, literals: [a=1], options: {disableNameSuffixHash:
  // true, labels: {base: "1", both: base}, annotations: {ba: "1"}}}
  // overlay: {name: nohash, behavior: merge, literals: [b=2],
  //           options: {labels: {ov: "1", both: ov}}}
  ScratchDir d;
  Resource base = Make(GeneratorKind::kConfigMap,
                       "name: nohash\nliterals: [a=1]\noptions:\n"
                       "  disableNameSuffixHash: true\n"
                       "  labels: {base: \"1\", both: base}\n"
                       "  annotations: {ba: \"1\"}\n",
                       &d);
  Resource ov = Make(GeneratorKind::kConfigMap,
                     "name: nohash\nbehavior: merge\nliterals: [b=2]\n"
                     "options:\n  labels: {ov: \"1\", both: ov}\n",
                     &d);
  ASSERT_TRUE(MergeGenerated(&base, ov).ok());
  EXPECT_FALSE(base.needs_hash);
  EXPECT_EQ(Emit(base.node),
            "apiVersion: v1\ndata:\n  a: \"1\"\n  b: \"2\"\nkind: ConfigMap\n"
            "metadata:\n  annotations:\n    ba: \"1\"\n  labels:\n"
            "    base: \"1\"\n    both: ov\n    ov: \"1\"\n  name: nohash\n");
}

TEST(MergeGenerated, HashOnlyWhenBothAsk) {
  // kubectl, base/overlay disableNameSuffixHash: h1 false/false -> hashed;
  // h2 false/true, h3 true/false, h4 true/true -> not hashed; the same for
  // replace (h5 false/true, h6 true/false -> not hashed).
  ScratchDir d;
  for (const char* behavior : {"merge", "replace"}) {
    for (int b = 0; b < 2; ++b) {
      for (int o = 0; o < 2; ++o) {
        Resource base = Make(GeneratorKind::kConfigMap,
                             std::string("name: h\nliterals: [a=1]\noptions:\n"
                                         "  disableNameSuffixHash: ") +
                                 (b ? "true" : "false") + "\n",
                             &d);
        Resource ov =
            Make(GeneratorKind::kConfigMap,
                 std::string("name: h\nliterals: [b=2]\nbehavior: ") +
                     behavior + "\noptions:\n  disableNameSuffixHash: " +
                     (o ? "true" : "false") + "\n",
                 &d);
        ASSERT_TRUE(MergeGenerated(&base, ov).ok());
        EXPECT_EQ(base.needs_hash, !b && !o) << behavior << b << o;
      }
    }
  }
}

TEST(MergeGenerated, MergeTakesGeneratedFields) {
  // base secret type kubernetes.io/tls merged with a plain overlay: type
  // Opaque (tls-47228dtc25); base immutable merged: immutable dropped.
  ScratchDir d;
  Resource base = Make(GeneratorKind::kSecret,
                       "name: tls\ntype: kubernetes.io/tls\n"
                       "literals: [tls.crt=x, tls.key=y]\n",
                       &d);
  Resource ov = Make(GeneratorKind::kSecret,
                     "name: tls\nbehavior: merge\nliterals: [extra=1]\n", &d);
  ASSERT_TRUE(MergeGenerated(&base, ov).ok());
  EXPECT_EQ(base.node.GetString("type"), "Opaque");
  EXPECT_EQ(ContentHash(base.node), "47228dtc25");
  EXPECT_EQ(Emit(base.node),
            "apiVersion: v1\ndata:\n  extra: MQ==\n  tls.crt: eA==\n"
            "  tls.key: eQ==\nkind: Secret\nmetadata:\n  name: tls\n"
            "type: Opaque\n");
}

TEST(MergeGenerated, MergeKeepsBinaryData) {
  // base: files [f.bin] (bytes ff fe); overlay merge literals [t=text]
  // -> bin-h42fb564bt with binaryData and data.
  ScratchDir d;
  d.Write("f.bin", "\xFF\xFE");
  Resource base =
      Make(GeneratorKind::kConfigMap, "name: bin\nfiles: [f.bin]\n", &d);
  Resource ov = Make(GeneratorKind::kConfigMap,
                     "name: bin\nbehavior: merge\nliterals: [t=text]\n", &d);
  ASSERT_TRUE(MergeGenerated(&base, ov).ok());
  EXPECT_EQ(Emit(base.node),
            "apiVersion: v1\nbinaryData:\n  f.bin: //4=\ndata:\n  t: text\n"
            "kind: ConfigMap\nmetadata:\n  name: bin\n");
  EXPECT_EQ(ContentHash(base.node), "h42fb564bt");
}

TEST(MergeGenerated, ReplaceKeepsMetadataOnly) {
  // base: {name: repl, literals: [a=1], options: {labels: {base: "1", both:
  // base}}}; overlay: {behavior: replace, literals: [z=9], options:
  // {labels: {ov: "1", both: ov}, immutable: true}} -> repl-k765b4dhgf.
  ScratchDir d;
  Resource base = Make(GeneratorKind::kConfigMap,
                       "name: repl\nliterals: [a=1]\noptions:\n"
                       "  labels: {base: \"1\", both: base}\n",
                       &d);
  base.StorePreviousId();
  base.SetName("base-repl");
  Resource ov = Make(GeneratorKind::kConfigMap,
                     "name: repl\nbehavior: replace\nliterals: [z=9]\n"
                     "options:\n  labels: {ov: \"1\", both: ov}\n"
                     "  immutable: true\n",
                     &d);
  ASSERT_TRUE(MergeGenerated(&base, ov).ok());
  EXPECT_EQ(Emit(base.node),
            "apiVersion: v1\ndata:\n  z: \"9\"\nimmutable: true\n"
            "kind: ConfigMap\nmetadata:\n  labels:\n    base: \"1\"\n"
            "    both: ov\n    ov: \"1\"\n  name: base-repl\n");
  ASSERT_EQ(base.previous_ids.size(), 1u);
  EXPECT_TRUE(base.needs_hash);
  base.SetName("repl");
  EXPECT_EQ(ContentHash(base.node), "k765b4dhgf");
}

TEST(MergeGenerated, KeepsNamespace) {
  ScratchDir d;
  Resource base = Make(GeneratorKind::kConfigMap,
                       "name: c\nnamespace: team-a\nliterals: [a=1]\n", &d);
  Resource ov = Make(GeneratorKind::kConfigMap,
                     "name: c\nnamespace: team-a\nbehavior: merge\n"
                     "literals: [a=2]\n",
                     &d);
  ASSERT_TRUE(MergeGenerated(&base, ov).ok());
  EXPECT_EQ(base.Namespace(), "team-a");
  EXPECT_EQ(DataValue(base, "data", "a"), "2");
}

TEST(MergeGenerated, IntoObjectFromFile) {
  // base resources: a ConfigMap {labels: {x: "1"}, data: {n: 42, s: str,
  // nested: {a: b}}, extra: field} and a Secret {type: kubernetes.io/tls,
  // stringData: {a: b}, data: {k: dg==}}; overlay merges literals [b=2] and
  // [z=1]. kubectl: data values become strings, nested ones "", the other
  // fields come from the generated object, and no hash suffix is added.
  ScratchDir d;
  Resource cm;
  cm.node = Parse(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n"
      "  labels: {x: \"1\"}\ndata:\n  n: 42\n  s: str\n  nested: {a: b}\n"
      "extra: field\n");
  ASSERT_TRUE(MergeGenerated(&cm, Make(GeneratorKind::kConfigMap,
                                       "name: plain\nbehavior: merge\n"
                                       "literals: [b=2]\n",
                                       &d))
                  .ok());
  EXPECT_FALSE(cm.needs_hash);
  EXPECT_EQ(Emit(cm.node),
            "apiVersion: v1\ndata:\n  b: \"2\"\n  \"n\": \"42\"\n"
            "  nested: \"\"\n  s: str\nkind: ConfigMap\nmetadata:\n"
            "  labels:\n    x: \"1\"\n  name: plain\n");
  Resource sec;
  sec.node = Parse(
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sec\n"
      "type: kubernetes.io/tls\nstringData:\n  a: b\ndata:\n  k: dg==\n");
  ASSERT_TRUE(MergeGenerated(&sec, Make(GeneratorKind::kSecret,
                                        "name: sec\nbehavior: merge\n"
                                        "literals: [z=1]\n",
                                        &d))
                  .ok());
  EXPECT_EQ(Emit(sec.node),
            "apiVersion: v1\ndata:\n  k: dg==\n  z: MQ==\nkind: Secret\n"
            "metadata:\n  name: sec\ntype: Opaque\n");
}

// Overlay cases: the base's generators, then the overlay's merged into
// them, named as kubectl named them (expected.yaml).
class OverlayCase : public ::testing::TestWithParam<const char*> {};

TEST_P(OverlayCase, MatchesKubectl) {
  fs::path base =
      fs::path(FERRY_SOURCE_DIR) / "testdata/kustomize" / GetParam();
  std::vector<yaml::Node> expected;
  ASSERT_TRUE(yaml::ParseDocuments(ReadAll(base / "expected.yaml"),
                                   "expected.yaml", &expected)
                  .ok());
  std::vector<Resource> built;
  for (const char* dir : {"in/base", "in/overlays/prod"}) {
    fs::path in = base / dir;
    yaml::Node k = Parse(ReadAll(in / "kustomization.yaml"));
    std::unique_ptr<Loader> loader;
    ASSERT_TRUE(
        Loader::ForRoot(in.string(), LoadRestrictor::kRootOnly, &loader).ok());
    for (auto [field, kind] :
         {std::pair{"configMapGenerator", GeneratorKind::kConfigMap},
          std::pair{"secretGenerator", GeneratorKind::kSecret}}) {
      const yaml::Node* list = k.Get(field);
      if (!list) continue;
      for (const yaml::Node& args : list->items()) {
        Resource r;
        Status st = Generate(kind, args, nullptr, *loader, &r);
        ASSERT_TRUE(st.ok()) << st.message();
        Resource* target = nullptr;
        for (Resource& e : built)
          if (e.CurId().Equals(r.CurId())) target = &e;
        if (target) {
          ASSERT_TRUE(MergeGenerated(target, r).ok());
        } else {
          built.push_back(std::move(r));
        }
      }
    }
  }
  for (Resource& r : built) {
    if (r.needs_hash)
      r.SetName(std::string(r.Name()) + "-" + ContentHash(r.node));
    const yaml::Node* want = nullptr;
    for (const yaml::Node& d : expected)
      if (d.GetString("kind") == r.node.GetString("kind") &&
          d.GetPath({"metadata", "name"})->value() == r.Name())
        want = &d;
    ASSERT_NE(want, nullptr) << "no " << r.Name() << " in expected.yaml";
    EXPECT_EQ(Emit(r.node), Emit(*want));
  }
}

INSTANTIATE_TEST_SUITE_P(Kubectl, OverlayCase,
                         ::testing::Values("b-071-behavior-merge-overlay",
                                           "b-072-behavior-replace-overlay"),
                         [](const auto& info) {
                           std::string s = std::string(info.param).substr(0, 5);
                           s.erase(1, 1);
                           return s;
                         });

}  // namespace
}  // namespace ferry::kustomize

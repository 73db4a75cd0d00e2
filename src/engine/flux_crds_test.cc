#include "engine/flux_crds.h"

#include <gtest/gtest.h>

namespace ferry::engine {
namespace {

TEST(FluxCrds, ParseWithFluxNamesAndColumns) {
  std::vector<yaml::Node> crds = FluxCrds();
  ASSERT_EQ(crds.size(), 4u);
  EXPECT_EQ(crds[0].GetPath({"metadata", "name"})->value(),
            "kustomizations.kustomize.toolkit.fluxcd.io");
  EXPECT_EQ(crds[1].GetPath({"metadata", "name"})->value(),
            "gitrepositories.source.toolkit.fluxcd.io");
  for (const yaml::Node& crd : crds) {
    const yaml::Node* versions = crd.GetPath({"spec", "versions"});
    ASSERT_TRUE(versions && versions->IsSeq());
    const yaml::Node& v1 = versions->items()[0];
    EXPECT_EQ(v1.GetString("name"), "v1");
    EXPECT_EQ(v1.GetString("storage"), "true");
    EXPECT_NE(v1.GetPath({"subresources", "status"}), nullptr);
    const yaml::Node* status = v1.GetPath(
        {"schema", "openAPIV3Schema", "properties", "status", "properties"});
    ASSERT_NE(status, nullptr);
    EXPECT_NE(status->Get("conditions"), nullptr);
    std::vector<std::string> cols;
    for (const yaml::Node& c : v1.Get("additionalPrinterColumns")->items())
      cols.emplace_back(c.GetString("name"));
    EXPECT_EQ(cols.back(), "Status");
  }
  EXPECT_NE(crds[0].GetPath({"spec", "versions"})->items()[0].GetPath(
                {"schema", "openAPIV3Schema", "properties", "status",
                 "properties", "inventory"}),
            nullptr);
}

}  // namespace
}  // namespace ferry::engine

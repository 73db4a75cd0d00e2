#include "engine/change.h"

namespace ferry::engine {

const char* ActionName(Action a) {
  switch (a) {
    case Action::kCreated: return "created";
    case Action::kConfigured: return "configured";
    case Action::kUnchanged: return "unchanged";
    case Action::kSkipped: return "skipped";
    case Action::kDeleted: return "deleted";
  }
  return "?";
}

std::string ChangeSetText(const std::vector<Change>& changes) {
  std::string out;
  for (const Change& c : changes) {
    if (c.action == Action::kUnchanged) continue;
    if (!out.empty()) out += "\n";
    out += c.id.Display() + " " + ActionName(c.action);
  }
  return out;
}

int CountActions(const std::vector<Change>& changes, Action a) {
  int n = 0;
  for (const Change& c : changes) n += c.action == a;
  return n;
}

}  // namespace ferry::engine

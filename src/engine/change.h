// Change: what applying or pruning did to one object, as fluxcd/pkg's ssa
// change set records it ("Deployment/server/django configured").
#ifndef FERRY_ENGINE_CHANGE_H_
#define FERRY_ENGINE_CHANGE_H_

#include <string>
#include <vector>

#include "engine/object_id.h"

namespace ferry::engine {

/// ssa's actions.
enum class Action { kCreated, kConfigured, kUnchanged, kSkipped, kDeleted };

/// "created", "configured", "unchanged", "skipped", "deleted".
const char* ActionName(Action a);

/// One entry of a change set.
struct Change {
  ObjectId id;
  Action action = Action::kUnchanged;
  std::string note;  // why skipped, or "recreated" after an immutable field
};

/// "Kind/ns/name action" lines for the changes that are not kUnchanged
/// (Flux's change set in its Progressing event).
std::string ChangeSetText(const std::vector<Change>& changes);

/// Count of changes with action `a`.
int CountActions(const std::vector<Change>& changes, Action a);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_CHANGE_H_

// Keeping comments while parsing: the scan of a text for its comments and
// their placement on the parsed nodes. Private to the yaml layer.
#ifndef FERRY_YAML_COMMENTS_H_
#define FERRY_YAML_COMMENTS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "yaml/node.h"

namespace ferry::yaml {

/// What the parser records for AttachComments: where scalars are (a '#'
/// inside one is text, not a comment) and where each document starts.
struct CommentScan {
  struct Span {
    size_t begin, end;  // byte offsets, end exclusive
  };
  std::vector<Span> scalar_spans;    // in text order
  std::vector<int> doc_start_lines;  // 1-based, one per document
};

/// Finds the comments of `text` and attaches them to the nodes of
/// docs[first..]: a full-line comment becomes the head comment of the next
/// key or item, or the foot comment of the collection it closes (by its
/// indentation); a comment after a scalar on the same line becomes that
/// node's line comment.
void AttachComments(std::string_view text, const CommentScan& scan,
                    std::vector<Node>* docs, size_t first);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_COMMENTS_H_

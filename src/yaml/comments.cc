#include "yaml/comments.h"

#include <algorithm>
#include <string>

namespace ferry::yaml {
namespace {

// One comment of the text.
struct Comment {
  int line, col;
  bool trailing;          // something else precedes it on its line
  std::string_view text;  // from '#' to the end of the line
};

// A collection of the tree and the column its entries start at.
struct Collection {
  Node* node;
  int parent;
  int col;
};

// A key or sequence item a head comment may attach to.
struct Point {
  Node* node;
  int line, col;
  int coll;
  int doc;
  bool scalar;
};

std::vector<Comment> ScanComments(std::string_view text,
                                  const CommentScan& scan) {
  std::vector<Comment> out;
  size_t span = 0;
  int line = 1;
  size_t line_start = 0;
  bool content = false;  // non-blank seen on this line
  for (size_t i = 0; i < text.size(); ++i) {
    while (span < scan.scalar_spans.size() && scan.scalar_spans[span].end <= i)
      ++span;
    if (span < scan.scalar_spans.size() && scan.scalar_spans[span].begin <= i) {
      // Skip the scalar, counting its line breaks.
      size_t end = std::min(scan.scalar_spans[span].end, text.size());
      for (; i < end; ++i) {
        if (text[i] == '\n') {
          ++line;
          line_start = i + 1;
        }
      }
      content = !(end > 0 && text[end - 1] == '\n');
      --i;
      ++span;
      continue;
    }
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      content = false;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' ||
                            text[i - 1] == '\t' || text[i - 1] == '\n')) {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      size_t stop = end;
      while (stop > i && (text[stop - 1] == '\r' || text[stop - 1] == ' ' ||
                          text[stop - 1] == '\t'))
        --stop;
      out.push_back(Comment{line, static_cast<int>(i - line_start) + 1, content,
                            text.substr(i, stop - i)});
      i = end - 1;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      content = true;
    }
  }
  return out;
}

class Placer {
 public:
  void Walk(Node* n, int coll, int doc) {
    if (n->IsMap()) {
      if (n->pairs().empty()) return;
      int c = AddCollection(n, coll, n->pairs()[0].key.mark().col);
      for (Pair& p : n->pairs()) {
        AddPoint(&p.key, c, doc, true);
        if (p.value.IsScalar() || p.value.IsNull()) {
          if (p.value.mark().line) AddPoint(&p.value, c, doc, true, false);
        } else {
          Walk(&p.value, c, doc);
        }
      }
    } else if (n->IsSeq()) {
      if (n->items().empty()) return;
      int col = static_cast<int>(n->items()[0].mark().col);
      if (n->style() != Style::kFlow) col = std::max(1, col - 2);
      int c = AddCollection(n, coll, col);
      for (Node& item : n->items()) {
        AddPoint(&item, c, doc, item.IsScalar());
        if (item.IsMap() || item.IsSeq()) Walk(&item, c, doc);
      }
    }
  }

  void Place(const std::vector<Comment>& comments,
             const std::vector<int>& doc_starts) {
    std::stable_sort(
        points_.begin(), points_.end(), [](const Point& a, const Point& b) {
          return a.line != b.line ? a.line < b.line : a.col < b.col;
        });
    for (const Comment& c : comments) {
      if (c.trailing && PlaceTrailing(c)) continue;
      PlaceFullLine(c, DocOf(c.line, doc_starts));
    }
  }

 private:
  int AddCollection(Node* n, int parent, int col) {
    colls_.push_back(Collection{n, parent, col});
    return static_cast<int>(colls_.size()) - 1;
  }
  void AddPoint(Node* n, int coll, int doc, bool scalar, bool head = true) {
    Point p{n,
            static_cast<int>(n->mark().line),
            static_cast<int>(n->mark().col),
            coll,
            doc,
            scalar};
    if (head) points_.push_back(p);
    if (scalar) scalars_.push_back(p);
  }

  static int DocOf(int line, const std::vector<int>& starts) {
    int doc = 0;
    for (size_t i = 0; i < starts.size(); ++i)
      if (starts[i] <= line) doc = static_cast<int>(i);
    return doc;
  }

  bool PlaceTrailing(const Comment& c) {
    Node* best = nullptr;
    int best_col = 0;
    for (const Point& p : scalars_) {
      if (p.line == c.line && p.col < c.col && p.col >= best_col) {
        best = p.node;
        best_col = p.col;
      }
    }
    if (!best) return false;
    Append(best, &Node::line_comment, &Node::set_line_comment, c.text);
    return true;
  }

  bool IsAncestor(int coll, int of) const {
    for (int i = of; i >= 0; i = colls_[i].parent)
      if (i == coll) return true;
    return false;
  }

  void PlaceFullLine(const Comment& c, int doc) {
    const Point* next = nullptr;
    const Point* prev = nullptr;
    for (const Point& p : points_) {
      if (p.doc != doc) continue;
      if (p.line > c.line) {
        next = &p;
        break;
      }
      if (p.line < c.line) prev = &p;
    }
    if (next && (c.col <= next->col || !prev)) {
      Append(next->node, &Node::head_comment, &Node::set_head_comment, c.text);
      return;
    }
    if (!prev) return;  // a document of comments only: dropped, as sops does
    int coll = prev->coll;
    int chosen = -1;
    for (int i = coll; i >= 0; i = colls_[i].parent) {
      chosen = i;
      if (colls_[i].col <= c.col) break;
    }
    if (next && IsAncestor(chosen, next->coll)) {
      Append(next->node, &Node::head_comment, &Node::set_head_comment, c.text);
      return;
    }
    Node* n = colls_[chosen].node;
    Append(n, &Node::foot_comment, &Node::set_foot_comment, c.text);
  }

  static void Append(Node* n, const std::string& (Node::*get)() const,
                     void (Node::*set)(std::string), std::string_view text) {
    std::string v = (n->*get)();
    if (!v.empty()) v += '\n';
    v += text;
    (n->*set)(std::move(v));
  }

  std::vector<Collection> colls_;
  std::vector<Point> points_;
  std::vector<Point> scalars_;
};

}  // namespace

void AttachComments(std::string_view text, const CommentScan& scan,
                    std::vector<Node>* docs, size_t first) {
  std::vector<Comment> comments = ScanComments(text, scan);
  if (comments.empty()) return;
  Placer placer;
  for (size_t d = first; d < docs->size(); ++d)
    placer.Walk(&(*docs)[d], -1, static_cast<int>(d - first));
  placer.Place(comments, scan.doc_start_lines);
}

}  // namespace ferry::yaml

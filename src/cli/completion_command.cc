// ferry completion bash|zsh|fish: shell completion scripts made from the
// command tree itself, so every subcommand and flag is offered as it exists.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace ferry::cli {
namespace {

/// One command of the tree: its words from the root, subcommands and flags.
struct CommandNode {
  std::string path;  // "ferry secrets encrypt"
  std::vector<std::pair<std::string, std::string>> subcommands;  // name, help
  std::vector<std::pair<std::string, std::string>> flags;        // --flag, help
};

void Collect(const CLI::App* app, const std::string& path,
             std::vector<CommandNode>* out) {
  CommandNode node;
  node.path = path;
  for (const CLI::App* sub : app->get_subcommands({})) {
    node.subcommands.emplace_back(sub->get_name(), sub->get_description());
  }
  for (const CLI::Option* opt : app->get_options({})) {
    for (const std::string& l : opt->get_lnames())
      node.flags.emplace_back("--" + l, opt->get_description());
    for (const std::string& s : opt->get_snames())
      node.flags.emplace_back("-" + s, opt->get_description());
  }
  out->push_back(node);
  for (const CLI::App* sub : app->get_subcommands({}))
    Collect(sub, path + " " + sub->get_name(), out);
}

std::string Bash(const std::vector<CommandNode>& nodes) {
  std::string s =
      "# bash completion for ferry: source <(ferry completion bash)\n"
      "_ferry() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} path=ferry i w words\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    w=${COMP_WORDS[i]}\n"
      "    case \"$w\" in -*) continue ;; esac\n"
      "    case \"$path $w\" in\n";
  for (const CommandNode& n : nodes)
    if (n.path != "ferry") s += "      \"" + n.path + "\") path=\"$path $w\" ;;\n";
  s += "    esac\n"
       "  done\n"
       "  case \"$path\" in\n";
  for (const CommandNode& n : nodes) {
    std::string words;
    for (const auto& [name, help] : n.subcommands) words += name + " ";
    for (const auto& [flag, help] : n.flags) words += flag + " ";
    s += "    \"" + n.path + "\") words=\"" + words + "\" ;;\n";
  }
  s += "  esac\n"
       "  if [[ $cur == -* ]] || [[ -n $words ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
       "  fi\n"
       "  [[ ${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- \"$cur\"))\n"
       "  return 0\n"
       "}\n"
       "complete -F _ferry ferry\n";
  return s;
}

std::string FishQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Fish(const std::vector<CommandNode>& nodes) {
  std::string s = "# fish completion for ferry: ferry completion fish | source\n";
  for (const CommandNode& n : nodes) {
    // Words after "ferry": the condition is that they were all typed.
    std::string rest = n.path.size() > 5 ? n.path.substr(6) : "";
    std::string cond;
    if (rest.empty()) {
      cond = "__fish_use_subcommand";
    } else {
      size_t start = 0;
      while (start <= rest.size()) {
        size_t sp = rest.find(' ', start);
        std::string w = rest.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
        if (!cond.empty()) cond += "; and ";
        cond += "__fish_seen_subcommand_from " + w;
        if (sp == std::string::npos) break;
        start = sp + 1;
      }
    }
    for (const auto& [name, help] : n.subcommands)
      s += "complete -c ferry -f -n " + FishQuote(cond) + " -a " + name + " -d " +
           FishQuote(help) + "\n";
    for (const auto& [flag, help] : n.flags) {
      if (flag.rfind("--", 0) == 0)
        s += "complete -c ferry -n " + FishQuote(cond) + " -l " + flag.substr(2) +
             " -d " + FishQuote(help) + "\n";
      else
        s += "complete -c ferry -n " + FishQuote(cond) + " -s " + flag.substr(1) +
             " -d " + FishQuote(help) + "\n";
    }
  }
  return s;
}

}  // namespace

void AddCompletionCommand(CLI::App& app, int* exit_code) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "completion", "Print a shell completion script (bash, zsh or fish)");
  cmd->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  CLI::App* root = &app;
  cmd->callback([root, shell, exit_code] {
    std::vector<CommandNode> nodes;
    Collect(root, "ferry", &nodes);
    std::string out;
    if (*shell == "fish") {
      out = Fish(nodes);
    } else if (*shell == "zsh") {
      out = "#compdef ferry\n# zsh completion for ferry: source <(ferry completion zsh)\n"
            "autoload -U +X bashcompinit && bashcompinit\n" +
            Bash(nodes);
    } else {
      out = Bash(nodes);
    }
    std::fputs(out.c_str(), stdout);
    *exit_code = 0;
  });
}

}  // namespace ferry::cli

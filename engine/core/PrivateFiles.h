#pragma once

#include <QString>

namespace osc::privatefiles {

// The data folder holds every usage event and the hashes of every key; exports hold usage. Other local
// users must not read them (issue 21: they were 0755/0644), so folders are 0700 and files 0600,
// including ones an earlier version created.

// Creates `path` (and its parents) if needed and restricts it to its owner. False when it cannot be
// created; a failed chmod (a filesystem without modes) is not an error.
bool ensureDir(const QString &path);
// Restricts an existing file or folder to its owner (0600 / 0700); nothing when it does not exist.
void restrict(const QString &path);
// restrict() on `dir` and every file directly in it.
void restrictTree(const QString &dir);

} // namespace osc::privatefiles

#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace osc::privatefiles {

bool ensureDir(const QString &path)
{
    if (!QDir().mkpath(path))
        return false;
    restrict(path);
    return true;
}

void restrict(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || info.isSymLink())
        return;
    constexpr QFile::Permissions kFile = QFile::ReadOwner | QFile::WriteOwner;
    constexpr QFile::Permissions kDir = kFile | QFile::ExeOwner;
    QFile::setPermissions(path, info.isDir() ? kDir : kFile);
}

void restrictTree(const QString &dir)
{
    restrict(dir);
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks);
    for (const QFileInfo &entry : entries)
        restrict(entry.absoluteFilePath());
}

} // namespace osc::privatefiles

#pragma once

#include <QCoreApplication>
#include <QString>

namespace Berth {

// The part of the X Direct Save protocol (XDS, freedesktop.org's "XdndDirectSave0") that
// needs no X: the file name a tag drag suggests to a file manager, and what Berth answers
// when the file manager names where to save (ui/xdsdrag.* carries both over X):
//
//   file manager writes a URI ──▶ target(uri) ──▶ 'S' + path: the pull starts there
//                                            ├─▶ 'F' not a local file: the file manager may
//                                            │       fall back to another format (none here)
//                                            └─▶ 'E' refused (reason): the window says why
//
// Neither the registry's names nor the file manager's URI are trusted: the name holds only
// letters, digits, '.', '-' and '_'; the URI must be a clean absolute local path whose folder
// exists and is writable; an existing file is never overwritten: "name (2).tar" … "name
// (99).tar" is taken instead, the first that does not exist.
class DirectSave
{
    Q_DECLARE_TR_FUNCTIONS(Berth::DirectSave)
public:
    static constexpr int MaxNameLength = 200;
    static constexpr int MaxCopies = 99;

    // "REPO-TAG.tar" (the repository's '/' and any unsafe character as '_').
    static QString fileName(const QString &repo, const QString &tag);

    struct Target
    {
        char answer = 'E'; // for the file manager: 'S', 'F' or 'E'
        QString path;      // 'S': the file to save to (it does not exist)
        QString reason;    // 'F', 'E': why not, for the window
    };
    static Target target(const QByteArray &uri);
};

} // namespace Berth

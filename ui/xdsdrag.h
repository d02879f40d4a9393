#pragma once

#include "ui/directsave.h"

#include <QMimeData>

#include <functional>

class QDrag;

namespace Berth {

// A tag dragged out of the window onto a file manager under X11: the X Direct Save protocol
// (XDS, freedesktop.org's "XdndDirectSave0"), which Qt does not implement. XdsMimeData is
// the drag's mime data with one more format, XdndDirectSave0; the rest is X:
//
//   exec(drag): Qt's drag loop runs ─▶ offer(): the window that owns XdndSelection (Qt's
//     window that drop targets see as the drag's source) gets the property XdndDirectSave0
//     (type text/plain) = the suggested file name, DirectSave::fileName()
//   dropped onto a file manager ─▶ it writes file:///folder/name into that property and
//     asks for the XdndDirectSave0 data ─▶ retrieveData(): the URI is read and the property
//     deleted; DirectSave::target(uri) decides; `save` is called with that decision ('S':
//     the pull starts, in the background) and the answer 'S', 'E' or 'F' goes back ('E'
//     too when `save` could not start it)
//   the drag ends otherwise ─▶ the property goes with the mime data (if no later drag's)
//
// Only under the xcb platform (isAvailable()); elsewhere (Wayland, offscreen, other systems,
// a build without libxcb) tag drags carry no XdndDirectSave0. Drops inside the window
// read their own formats and never ask for this one.
inline const QString XdsMimeType = QStringLiteral("XdndDirectSave0");

class XdsMimeData : public QMimeData
{
    Q_OBJECT
public:
    // Called once per drop on a file manager, with what DirectSave::target() decided; says
    // whether the save started (false turns an 'S' into 'E').
    using Save = std::function<bool(const DirectSave::Target &)>;

    XdsMimeData(const QString &fileName, Save save);
    ~XdsMimeData() override;

    static bool isAvailable();

    // Runs `drag`, whose mime data is `mime`, offering the direct save once the drag loop
    // runs (Qt makes its source window the XdndSelection owner as the loop starts).
    static Qt::DropAction exec(QDrag *drag, XdsMimeData *mime, Qt::DropActions actions);

    // Puts the file name on the XdndSelection owner; false if there is none (no drag runs).
    bool offer();
    // The window offer() marked (0: none), for tests.
    quint32 window() const { return m_window; }

    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QByteArray writtenUri() const;
    QByteArray answer() const;
    void removeProperty() const;

    QString m_fileName;
    Save m_save;
    quint32 m_window = 0;
    int m_offer = 0; // which offer of this process; only the latest one's property is removed
    mutable QByteArray m_answer; // once given, the same for a repeated request
};

} // namespace Berth

#include "ui/xdsdrag.h"

#include <QDrag>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTimer>

#if defined(BERTH_HAVE_XCB) && QT_CONFIG(xcb)
#define BERTH_XDS 1
#include <QtGui/qguiapplication_platform.h>

#include <xcb/xcb.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#endif

namespace Berth {

namespace {
Q_LOGGING_CATEGORY(lcXds, "berth.xds")

int g_offers = 0; // the offers made in this process: the latest one owns the property

#ifdef BERTH_XDS
constexpr quint32 MaxUriLongs = 1024; // 4 KiB: a longer URI is refused

xcb_connection_t *connection()
{
    auto *x11 = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    return x11 ? x11->connection() : nullptr;
}

template<typename Reply>
using Owned = std::unique_ptr<Reply, decltype(&std::free)>;

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    const Owned<xcb_intern_atom_reply_t> reply(
        xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, uint16_t(std::strlen(name)), name), nullptr),
        &std::free);
    return reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
}
#endif
} // namespace

XdsMimeData::XdsMimeData(const QString &fileName, Save save)
    : m_fileName(fileName)
    , m_save(std::move(save))
{}

XdsMimeData::~XdsMimeData()
{
    removeProperty();
}

bool XdsMimeData::isAvailable()
{
#ifdef BERTH_XDS
    return connection() != nullptr;
#else
    return false;
#endif
}

Qt::DropAction XdsMimeData::exec(QDrag *drag, XdsMimeData *mime, Qt::DropActions actions)
{
    // Fires inside the drag loop, after Qt took XdndSelection; never after it (a local).
    QTimer offer;
    offer.setSingleShot(true);
    connect(&offer, &QTimer::timeout, mime, &XdsMimeData::offer);
    offer.start(0);
    return drag->exec(actions);
}

bool XdsMimeData::offer()
{
#ifdef BERTH_XDS
    xcb_connection_t *c = connection();
    if (!c)
        return false;
    const xcb_atom_t selection = atom(c, "XdndSelection");
    const Owned<xcb_get_selection_owner_reply_t> owner(
        xcb_get_selection_owner_reply(c, xcb_get_selection_owner(c, selection), nullptr),
        &std::free);
    if (!owner || owner->owner == XCB_WINDOW_NONE)
        return false;
    removeProperty(); // a repeated offer
    m_window = owner->owner;
    m_offer = ++g_offers;
    const QByteArray name = m_fileName.toUtf8();
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, m_window, atom(c, "XdndDirectSave0"),
                        atom(c, "text/plain"), 8, uint32_t(name.size()), name.constData());
    xcb_flush(c);
    qCDebug(lcXds) << "offered" << m_fileName << "on window" << m_window;
    return true;
#else
    return false;
#endif
}

QStringList XdsMimeData::formats() const
{
    return QMimeData::formats() << XdsMimeType;
}

bool XdsMimeData::hasFormat(const QString &mimeType) const
{
    return mimeType == XdsMimeType || QMimeData::hasFormat(mimeType);
}

QVariant XdsMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType != XdsMimeType)
        return QMimeData::retrieveData(mimeType, type);
    return m_answer.isEmpty() ? answer() : m_answer;
}

// The URI the file manager wrote into the property (empty: none).
QByteArray XdsMimeData::writtenUri() const
{
#ifdef BERTH_XDS
    xcb_connection_t *c = connection();
    if (!c || !m_window)
        return {};
    const Owned<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(c,
                               xcb_get_property(c, 0, m_window, atom(c, "XdndDirectSave0"),
                                                XCB_GET_PROPERTY_TYPE_ANY, 0, MaxUriLongs),
                               nullptr),
        &std::free);
    if (!reply || reply->format != 8 || reply->bytes_after != 0)
        return {};
    const QByteArray uri(static_cast<const char *>(xcb_get_property_value(reply.get())),
                         xcb_get_property_value_length(reply.get()));
    return uri == m_fileName.toUtf8() ? QByteArray() : uri; // still our name: nothing written
#else
    return {};
#endif
}

// Decides on the URI the file manager wrote, once: the property goes, `save` hears of it.
QByteArray XdsMimeData::answer() const
{
    const QByteArray uri = writtenUri();
    if (uri.isEmpty())
        return QByteArrayLiteral("E"); // no file manager's drop (yet): nothing to save
    removeProperty();
    const DirectSave::Target target = DirectSave::target(uri);
    qCDebug(lcXds) << "asked to save at" << uri << "answer" << target.answer << target.path;
    const bool saving = m_save && m_save(target);
    m_answer = QByteArray(1, target.answer == 'S' && !saving ? 'E' : target.answer);
    return m_answer;
}

void XdsMimeData::removeProperty() const
{
#ifdef BERTH_XDS
    xcb_connection_t *c = connection();
    if (!c || !m_window || m_offer != g_offers)
        return;
    xcb_delete_property(c, m_window, atom(c, "XdndDirectSave0"));
    xcb_flush(c);
#endif
}

} // namespace Berth

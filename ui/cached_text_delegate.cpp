#include "cached_text_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace payops {

void CachedTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.features & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    paintPanel(painter, opt);
    paintText(painter, opt, opt.rect);
}

void CachedTextDelegate::paintPanel(QPainter* painter, const QStyleOptionViewItem& option)
{
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, option.widget);
    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(option);
        focus.rect = option.rect;
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        focus.backgroundColor =
            option.palette.color(group, option.state & QStyle::State_Selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, option.widget);
    }
}

const QStaticText& CachedTextDelegate::laidOut(const QString& text, const QFont& font) const
{
    if (auto forFont = m_cache.constFind(font); forFont != m_cache.cend()) {
        if (auto it = forFont->constFind(text); it != forFont->cend())
            return *it;
    }
    if (m_cached >= kMaxCached) {
        m_cache.clear();
        m_cached = 0;
    }
    QStaticText laid(text);
    laid.setTextFormat(Qt::PlainText);
    laid.setPerformanceHint(QStaticText::AggressiveCaching);
    laid.prepare(QTransform(), font);
    ++m_cached;
    return *m_cache[font].insert(text, laid);
}

void CachedTextDelegate::paintText(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect) const
{
    if (option.text.isEmpty())
        return;
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    const QRect area = rect.adjusted(margin, 0, -margin, 0);
    if (area.width() <= 0)
        return;
    QString text = option.text;
    text.replace(QLatin1Char('\n'), QChar::LineSeparator); // one line per cell, as the style's item view draws it
    const QStaticText* laid = &laidOut(text, option.font);
    if (laid->size().width() > area.width()) // elided strings are cached too: a column keeps its width for a while
        laid = &laidOut(option.fontMetrics.elidedText(text, option.textElideMode, area.width()), option.font);

    const Qt::Alignment align = QStyle::visualAlignment(option.direction, option.displayAlignment);
    const QSizeF size = laid->size();
    qreal x = area.left();
    if (align & Qt::AlignRight)
        x = area.right() + 1 - size.width();
    else if (align & Qt::AlignHCenter)
        x = area.left() + (area.width() - size.width()) / 2;
    qreal y = area.top() + (area.height() - size.height()) / 2;
    if (align & Qt::AlignTop)
        y = area.top();
    else if (align & Qt::AlignBottom)
        y = area.bottom() + 1 - size.height();

    QPalette::ColorGroup group = QPalette::Disabled;
    if (option.state & QStyle::State_Enabled)
        group = option.state & QStyle::State_Active ? QPalette::Normal : QPalette::Inactive;
    painter->save();
    painter->setFont(option.font);
    painter->setPen(option.palette.color(group, option.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                      : QPalette::Text));
    painter->drawStaticText(QPointF(x, y), *laid);
    painter->restore();
}

} // namespace payops

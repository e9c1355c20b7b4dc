#include "StoredJson.h"

#include <charconv>

namespace osc::rpc {

namespace {

class Reader
{
public:
    explicit Reader(QByteArrayView json)
        : m_at(json.data())
        , m_end(json.data() + json.size())
    { }

    bool atEnd() const { return m_at == m_end; }

    bool object(google::protobuf::Map<std::string, google::protobuf::Value> *fields)
    {
        if (!consume('{'))
            return false;
        if (consume('}'))
            return true;
        do {
            std::string key;
            if (!string(&key) || !consume(':') || !value(&(*fields)[key]))
                return false;
        } while (consume(','));
        return consume('}');
    }

private:
    bool consume(char c)
    {
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }

    bool literal(const char *word)
    {
        for (; *word; ++word)
            if (!consume(*word))
                return false;
        return true;
    }

    bool value(google::protobuf::Value *out)
    {
        if (m_at == m_end)
            return false;
        switch (*m_at) {
        case '{':
            return object(out->mutable_struct_value()->mutable_fields());
        case '[': {
            ++m_at;
            auto *list = out->mutable_list_value();
            if (consume(']'))
                return true;
            do {
                if (!value(list->add_values()))
                    return false;
            } while (consume(','));
            return consume(']');
        }
        case '"':
            return string(out->mutable_string_value());
        case 't':
            out->set_bool_value(true);
            return literal("true");
        case 'f':
            out->set_bool_value(false);
            return literal("false");
        case 'n':
            out->set_null_value(google::protobuf::NULL_VALUE);
            return literal("null");
        default: {
            double number = 0;
            const auto [end, error] = std::from_chars(m_at, m_end, number);
            if (error != std::errc())
                return false;
            m_at = end;
            out->set_number_value(number);
            return true;
        }
        }
    }

    static void appendUtf8(std::string *out, char32_t code)
    {
        if (code < 0x80) {
            out->push_back(char(code));
        } else if (code < 0x800) {
            out->push_back(char(0xC0 | (code >> 6)));
            out->push_back(char(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out->push_back(char(0xE0 | (code >> 12)));
            out->push_back(char(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(char(0x80 | (code & 0x3F)));
        } else {
            out->push_back(char(0xF0 | (code >> 18)));
            out->push_back(char(0x80 | ((code >> 12) & 0x3F)));
            out->push_back(char(0x80 | ((code >> 6) & 0x3F)));
            out->push_back(char(0x80 | (code & 0x3F)));
        }
    }

    bool hex4(char32_t *code)
    {
        if (m_end - m_at < 4)
            return false;
        unsigned value = 0;
        const auto [end, error] = std::from_chars(m_at, m_at + 4, value, 16);
        if (error != std::errc() || end != m_at + 4)
            return false;
        m_at += 4;
        *code = value;
        return true;
    }

    bool string(std::string *out)
    {
        if (!consume('"'))
            return false;
        while (m_at != m_end) {
            const char c = *m_at++;
            if (c == '"')
                return true;
            if (c != '\\') {
                out->push_back(c); // UTF-8 bytes pass through unchanged
                continue;
            }
            if (m_at == m_end)
                return false;
            switch (*m_at++) {
            case '"':
                out->push_back('"');
                break;
            case '\\':
                out->push_back('\\');
                break;
            case '/':
                out->push_back('/');
                break;
            case 'b':
                out->push_back('\b');
                break;
            case 'f':
                out->push_back('\f');
                break;
            case 'n':
                out->push_back('\n');
                break;
            case 'r':
                out->push_back('\r');
                break;
            case 't':
                out->push_back('\t');
                break;
            case 'u': {
                char32_t code = 0;
                if (!hex4(&code) || (code >= 0xDC00 && code < 0xE000)) // a lone low surrogate
                    return false;
                if (code >= 0xD800 && code < 0xDC00) { // a surrogate pair: \uD83D\uDE00
                    char32_t low = 0;
                    if (!consume('\\') || !consume('u') || !hex4(&low) || low < 0xDC00 || low >= 0xE000)
                        return false;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, code);
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    const char *m_at;
    const char *m_end;
};

} // namespace

bool storedJsonToProto(
    QByteArrayView json, google::protobuf::Map<std::string, google::protobuf::Value> *fields)
{
    Reader reader(json);
    return reader.object(fields) && reader.atEnd();
}

} // namespace osc::rpc

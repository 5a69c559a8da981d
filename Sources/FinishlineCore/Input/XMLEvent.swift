/// One piece of an XML document, as `XMLScanner` hands it over in document order.
enum XMLEvent: Equatable {
  /// `<name a="1">`; a self-closing `<name/>` is a start followed by an end.
  case startElement(name: String, attributes: [XMLAttribute])
  case endElement(name: String)
  /// Character data with entities decoded; whitespace between elements included.
  case text(String)
  /// The verbatim content of `<![CDATA[ … ]]>`.
  case cdata(String)
  case comment(String)
  /// `<?target data?>`, including the `<?xml …?>` declaration.
  case processingInstruction(target: String, data: String)
}

/// One `name="value"` of a start tag, with entities in the value decoded.
struct XMLAttribute: Equatable {
  var name: String
  var value: String
}

extension [XMLAttribute] {
  /// The value of the first attribute called `name`; start tags have a handful of attributes,
  /// so a linear search beats building a dictionary for every element.
  subscript(attribute name: String) -> String? {
    first(where: { $0.name == name })?.value
  }
}

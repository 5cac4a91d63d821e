namespace MusiVault.Engine.Tests.Export;

/// <summary>
/// XSPF version 1 as schemas, written from the specification (https://xspf.org/spec, "XSPF Version 1") and its
/// errata page on the Xiph wiki, not copied from any published schema:
/// - playlist: attribute version (0 or 1); at most one each of title, creator, annotation, info, location,
///   identifier, image, date (xs:dateTime), license, attribution; any number of link, meta, extension; exactly one
///   trackList, which holds any number of track;
/// - track: any number of location and identifier; at most one each of title, creator, annotation, info, image,
///   album, trackNum, duration (both xs:nonNegativeInteger, duration in milliseconds); any number of link, meta,
///   extension;
/// - URI-typed: location, identifier, info, image, license, link content and rel, meta rel, extension application;
///   annotation is plain text (no markup); nothing from other namespaces outside extension.
/// The XSD fixes the order the specification lists (which the errata asks writers to keep); the RELAX NG schema
/// allows any order, as the errata says readers must. Both are checked by .NET and by xmllint.
/// </summary>
internal static class XspfSchemas
{
    public const string Xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:x="http://xspf.org/ns/0/"
                   targetNamespace="http://xspf.org/ns/0/" elementFormDefault="qualified">
          <xs:element name="playlist">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="title" type="xs:string" minOccurs="0"/>
                <xs:element name="creator" type="xs:string" minOccurs="0"/>
                <xs:element name="annotation" type="xs:string" minOccurs="0"/>
                <xs:element name="info" type="xs:anyURI" minOccurs="0"/>
                <xs:element name="location" type="xs:anyURI" minOccurs="0"/>
                <xs:element name="identifier" type="xs:anyURI" minOccurs="0"/>
                <xs:element name="image" type="xs:anyURI" minOccurs="0"/>
                <xs:element name="date" type="xs:dateTime" minOccurs="0"/>
                <xs:element name="license" type="xs:anyURI" minOccurs="0"/>
                <xs:element name="attribution" type="x:AttributionType" minOccurs="0"/>
                <xs:element name="link" type="x:LinkType" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element name="meta" type="x:MetaType" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element name="extension" type="x:ExtensionType" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element name="trackList" type="x:TrackListType"/>
              </xs:sequence>
              <xs:attribute name="version" use="required">
                <xs:simpleType>
                  <xs:restriction base="xs:string">
                    <xs:enumeration value="0"/>
                    <xs:enumeration value="1"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:attribute>
            </xs:complexType>
          </xs:element>

          <xs:complexType name="TrackListType">
            <xs:sequence>
              <xs:element name="track" type="x:TrackType" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>

          <xs:complexType name="TrackType">
            <xs:sequence>
              <xs:element name="location" type="xs:anyURI" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="identifier" type="xs:anyURI" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="title" type="xs:string" minOccurs="0"/>
              <xs:element name="creator" type="xs:string" minOccurs="0"/>
              <xs:element name="annotation" type="xs:string" minOccurs="0"/>
              <xs:element name="info" type="xs:anyURI" minOccurs="0"/>
              <xs:element name="image" type="xs:anyURI" minOccurs="0"/>
              <xs:element name="album" type="xs:string" minOccurs="0"/>
              <xs:element name="trackNum" type="xs:nonNegativeInteger" minOccurs="0"/>
              <xs:element name="duration" type="xs:nonNegativeInteger" minOccurs="0"/>
              <xs:element name="link" type="x:LinkType" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="meta" type="x:MetaType" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="extension" type="x:ExtensionType" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>

          <xs:complexType name="AttributionType">
            <xs:choice minOccurs="0" maxOccurs="unbounded">
              <xs:element name="location" type="xs:anyURI"/>
              <xs:element name="identifier" type="xs:anyURI"/>
            </xs:choice>
          </xs:complexType>

          <xs:complexType name="LinkType">
            <xs:simpleContent>
              <xs:extension base="xs:anyURI">
                <xs:attribute name="rel" type="xs:anyURI" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>

          <xs:complexType name="MetaType">
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="rel" type="xs:anyURI" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>

          <xs:complexType name="ExtensionType" mixed="true">
            <xs:sequence>
              <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:attribute name="application" type="xs:anyURI" use="required"/>
          </xs:complexType>
        </xs:schema>
        """;

    public const string RelaxNg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://xspf.org/ns/0/"
                 datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <start>
            <element name="playlist">
              <attribute name="version"><choice><value>0</value><value>1</value></choice></attribute>
              <interleave>
                <optional><element name="title"><text/></element></optional>
                <optional><element name="creator"><text/></element></optional>
                <optional><element name="annotation"><text/></element></optional>
                <optional><element name="info"><data type="anyURI"/></element></optional>
                <optional><element name="location"><data type="anyURI"/></element></optional>
                <optional><element name="identifier"><data type="anyURI"/></element></optional>
                <optional><element name="image"><data type="anyURI"/></element></optional>
                <optional><element name="date"><data type="dateTime"/></element></optional>
                <optional><element name="license"><data type="anyURI"/></element></optional>
                <optional>
                  <element name="attribution">
                    <zeroOrMore>
                      <choice>
                        <element name="location"><data type="anyURI"/></element>
                        <element name="identifier"><data type="anyURI"/></element>
                      </choice>
                    </zeroOrMore>
                  </element>
                </optional>
                <ref name="links-metas-extensions"/>
                <element name="trackList">
                  <zeroOrMore><ref name="track"/></zeroOrMore>
                </element>
              </interleave>
            </element>
          </start>

          <define name="track">
            <element name="track">
              <interleave>
                <zeroOrMore><element name="location"><data type="anyURI"/></element></zeroOrMore>
                <zeroOrMore><element name="identifier"><data type="anyURI"/></element></zeroOrMore>
                <optional><element name="title"><text/></element></optional>
                <optional><element name="creator"><text/></element></optional>
                <optional><element name="annotation"><text/></element></optional>
                <optional><element name="info"><data type="anyURI"/></element></optional>
                <optional><element name="image"><data type="anyURI"/></element></optional>
                <optional><element name="album"><text/></element></optional>
                <optional><element name="trackNum"><data type="nonNegativeInteger"/></element></optional>
                <optional><element name="duration"><data type="nonNegativeInteger"/></element></optional>
                <ref name="links-metas-extensions"/>
              </interleave>
            </element>
          </define>

          <define name="links-metas-extensions">
            <interleave>
              <zeroOrMore>
                <element name="link"><attribute name="rel"><data type="anyURI"/></attribute><data type="anyURI"/></element>
              </zeroOrMore>
              <zeroOrMore>
                <element name="meta"><attribute name="rel"><data type="anyURI"/></attribute><text/></element>
              </zeroOrMore>
              <zeroOrMore>
                <element name="extension">
                  <attribute name="application"><data type="anyURI"/></attribute>
                  <zeroOrMore><ref name="anything"/></zeroOrMore>
                </element>
              </zeroOrMore>
            </interleave>
          </define>

          <define name="anything">
            <choice>
              <text/>
              <element><anyName/><zeroOrMore><attribute><anyName/></attribute></zeroOrMore><zeroOrMore><ref name="anything"/></zeroOrMore></element>
            </choice>
          </define>
        </grammar>
        """;
}

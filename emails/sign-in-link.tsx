// To the user: their magic sign-in link (transactional: no unsubscribe headers).
import { Button, Link, Text } from "@react-email/components";
import { fr } from "@/lib/i18n/fr";
import { buttonStyle, colors, EmailLayout, linkStyle, paragraph } from "./components/layout";

export type SignInLinkProps = {
  amapName: string;
  url: string;
  /** The person's first name (« Bonjour Alice, »); blank: the plain « Bonjour, ». */
  firstName: string;
};

const t = fr.emails.signIn;

export const signInLinkSubject = ({ amapName }: Pick<SignInLinkProps, "amapName">) => t.subject(amapName);

export default function SignInLink({
  amapName = "AMAP des Tilleuls",
  url = "http://localhost:3000/connexion/lien?token=exemple&email=alice%40demo.test",
  firstName = "Alice",
}: Partial<SignInLinkProps>) {
  const name = firstName.trim();
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Text style={paragraph}>{name ? t.hello(name) : t.greeting}</Text>
      <Text style={paragraph}>{t.body}</Text>
      <Text style={{ margin: "20px 0" }}>
        <Button href={url} style={buttonStyle}>
          {t.button}
        </Button>
      </Text>
      {/* For the HTML only: the text version's button is already its address. */}
      <Text style={{ ...paragraph, fontSize: 13, color: colors.muted }} data-skip-in-text>
        {t.fallback}
        <br />
        <Link href={url} style={{ ...linkStyle, wordBreak: "break-all" }}>
          {url}
        </Link>
      </Text>
      <Text style={{ ...paragraph, fontSize: 13, color: colors.muted }}>{t.ignore}</Text>
    </EmailLayout>
  );
}

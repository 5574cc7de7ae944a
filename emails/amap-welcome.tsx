// To a first référent of a new AMAP: the space is ready, with their sign-in link (transactional).
import { Button, Link, Text } from "@react-email/components";
import { networkFr } from "@/lib/i18n/network-fr";
import { buttonStyle, colors, EmailLayout, linkStyle, paragraph } from "./components/layout";

export type AmapWelcomeProps = {
  amapName: string;
  /** The sign-in link, back to the AMAP's administration. */
  url: string;
  /** The space's address (https://…/tilleuls). */
  spaceUrl: string;
  firstName: string;
};

const t = networkFr.welcome;

export const amapWelcomeSubject = ({ amapName }: Pick<AmapWelcomeProps, "amapName">) => t.subject(amapName);

export default function AmapWelcome({
  amapName = "AMAP du Marché",
  url = "http://localhost:3000/connexion/lien?token=exemple&email=lea%40demo.test",
  spaceUrl = "http://localhost:3000/marche",
  firstName = "",
}: Partial<AmapWelcomeProps>) {
  const name = firstName.trim();
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Text style={paragraph}>{name ? t.hello(name) : t.greeting}</Text>
      <Text style={paragraph}>{t.body(amapName)}</Text>
      <Text style={paragraph}>
        {t.space}
        <br />
        <Link href={spaceUrl} style={linkStyle}>
          {spaceUrl}
        </Link>
      </Text>
      <Text style={{ margin: "20px 0" }}>
        <Button href={url} style={buttonStyle}>
          {t.button}
        </Button>
      </Text>
      <Text style={{ ...paragraph, fontSize: 13, color: colors.muted }}>{t.validity}</Text>
      {/* For the HTML only: the text version's button is already its address. */}
      <Text style={{ ...paragraph, fontSize: 13, color: colors.muted }} data-skip-in-text>
        {t.fallback}
        <br />
        <Link href={url} style={{ ...linkStyle, wordBreak: "break-all" }}>
          {url}
        </Link>
      </Text>
    </EmailLayout>
  );
}

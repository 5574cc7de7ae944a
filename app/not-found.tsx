import Link from "@/components/space-link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export default function NotFound() {
  return (
    <>
      <PageTitle>{fr.errors.notFoundTitle}</PageTitle>
      <Card>
        <p className="mb-4">{fr.errors.notFoundBody}</p>
        <Link href="/" className={buttonClass()}>
          {fr.errors.backHome}
        </Link>
      </Card>
    </>
  );
}

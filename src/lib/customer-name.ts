// One rule for the name a customer goes by, used by the list (and its sort), the
// Customer suggestions and the conversation view: name, else email, else id.
type Named = {
  name?: string | null | undefined
  email?: string | null | undefined
}

const present = (value: string | null | undefined) => (value?.trim() ? value : null)

/** The customer's name, else email, else the id; null when none is known (a blank counts as missing). */
export function customerDisplayName(
  customer: Named | null | undefined,
  id: string | null | undefined,
): string | null {
  return present(customer?.name) ?? present(customer?.email) ?? present(id)
}

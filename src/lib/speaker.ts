// Who wrote a message, as the dashboard's reader knows them: the transcript and the list's
// last-message line name and style the sender the same way.

export type Speaker = 'customer' | 'agent' | 'other'

/** perform.chat calls the customer `user` and its AI agent `assistant`. */
export function speakerOf(role: string | null | undefined): Speaker {
  if (role === 'user') return 'customer'
  if (role === 'assistant') return 'agent'
  return 'other'
}

export function speakerLabel(role: string | null | undefined): string {
  const speaker = speakerOf(role)
  if (speaker === 'customer') return 'Customer'
  if (speaker === 'agent') return 'Agent'
  return role ? role.charAt(0).toUpperCase() + role.slice(1) : 'Unknown sender'
}
